/*
 * <fleet-map>: Fleetdesk's own small Leaflet map, driven from Java (com.fleetdesk.base.ui.map.FleetMap).
 *
 * Renders Leaflet in the element's light DOM so Leaflet's global CSS applies. Everything is drawn
 * without a tile layer unless `tileUrl` is set: an offline grid on a neutral background is always
 * underneath, so a missing or failing tile server leaves markers, lines and shapes fully usable.
 *
 * Public methods (called with element.callJsFunction from Java; all arguments are plain JSON):
 *   setMarkers(markers) upsertMarker(marker) upsertMarkers(markers) removeMarker(id)
 *     marker = {id, lat, lon, heading|null, colour, label, title, status}
 *   setPolylines(lines) upsertPolyline(line) removePolyline(id) extendPolyline(id, [lat, lon], maxPoints)
 *     line = {id, points: [[lat, lon], ...], colour, weight, label}
 *   setShapes(shapes) upsertShape(shape) removeShape(id)
 *     shape = {id, type: 'circle'|'polygon', center: [lat, lon], radius (m), points: [[lat, lon], ...], colour, label}
 *   clear() fitBounds(paddingPx) fitTo([[lat, lon], [lat, lon]]) setView(lat, lon, zoom)
 *   openPopup(id, text) highlight(id|null) startDrawing('circle'|'polygon') cancelDrawing()
 * Events (CustomEvent on the element): marker-click {id}, map-click {lat, lon}, shape-click {id},
 *   shape-drawn {type, center, radius, points}, drawing-cancelled {}.
 * Properties: tileUrl, attribution. The host's role/aria-label are set by the Java side.
 */
import * as L from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?inline';

const STYLE_ID = 'fleet-map-styles';

// Our own rules; Leaflet's CSS is injected next to them, once per document.
const OWN_CSS = `
fleet-map { display: block; position: relative; height: 100%; min-height: 240px; overflow: hidden;
  box-sizing: border-box; font: 13px/1.3 var(--lumo-font-family, system-ui, sans-serif); }
fleet-map .fm-canvas { position: absolute; inset: 0; }
fleet-map .leaflet-container { background: #e4e8ec; font: inherit; }
fleet-map .leaflet-container:focus-visible { outline: 3px solid #1a56db; outline-offset: -3px; }
fleet-map .leaflet-container a { color: #00527a; }
fleet-map .leaflet-container .leaflet-control-attribution { color: #333; background: rgba(255, 255, 255, 0.9); }
fleet-map .leaflet-bar a { color: #1f2933; }
fleet-map .leaflet-bar a:focus-visible { outline: 3px solid #1a56db; outline-offset: 0; z-index: 1; }
fleet-map img.fm-tile-failed { visibility: hidden; }
fleet-map.fm-drawing .leaflet-container, fleet-map.fm-drawing .leaflet-interactive { cursor: crosshair; }
fleet-map .fm-marker { background: none; border: none; }
fleet-map .fm-marker:focus { outline: none; }
fleet-map .fm-marker:focus-visible .fm-glyph { outline: 3px solid #1a56db; outline-offset: 2px; border-radius: 50%; }
fleet-map .fm-glyph { position: absolute; left: 0; top: 0; width: 24px; height: 24px; display: block;
  transform-origin: 50% 50%; filter: drop-shadow(0 1px 1px rgba(0, 0, 0, 0.45)); }
fleet-map .fm-glyph svg { display: block; width: 24px; height: 24px; overflow: visible; }
fleet-map .fm-label { position: absolute; left: 27px; top: 2px; white-space: nowrap;
  padding: 1px 5px; border-radius: 4px; background: rgba(255, 255, 255, 0.92); color: #1b1f24;
  font-size: 12px; line-height: 16px; font-weight: 600; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.18); }
fleet-map .fm-label--no-text, fleet-map .fm-label--empty { display: none; }
fleet-map .fm-highlight .fm-label--no-text, fleet-map .fm-marker:focus-visible .fm-label--no-text { display: block; }
fleet-map .fm-highlight .fm-label--empty, fleet-map .fm-marker:focus-visible .fm-label--empty { display: none; }
fleet-map .fm-status { display: none; font-weight: 400; }
fleet-map .fm-highlight .fm-status, fleet-map .fm-marker:focus-visible .fm-status { display: block; }
fleet-map .fm-highlight .fm-glyph { transform-origin: 50% 50%; filter: drop-shadow(0 0 3px #1a56db) drop-shadow(0 0 2px #fff); }
fleet-map .fm-highlight .fm-label { box-shadow: 0 0 0 2px #1a56db; }
fleet-map .fm-popup { margin: 0; }
fleet-map[hide-labels] .fm-label { display: none; }
fleet-map[hide-labels] .fm-highlight .fm-label:not(.fm-label--empty),
fleet-map[hide-labels] .fm-marker:focus-visible .fm-label:not(.fm-label--empty) { display: block; }
fleet-map .fm-hint { position: absolute; top: 10px; left: 50%; transform: translateX(-50%); z-index: 1000;
  max-width: calc(100% - 120px); padding: 6px 12px; border-radius: 6px; background: #1b1f24; color: #fff;
  font-size: 13px; pointer-events: none; text-align: center; }
fleet-map .fm-hint:empty { display: none; }
fleet-map .leaflet-tooltip { color: #1b1f24; }
`;

function ensureStyles() {
  if (document.getElementById(STYLE_ID)) {
    return;
  }
  const style = document.createElement('style');
  style.id = STYLE_ID;
  const leaflet = leafletCss && leafletCss.cssText !== undefined ? leafletCss.cssText : String(leafletCss || '');
  style.textContent = `${leaflet}\n${OWN_CSS}`;
  document.head.appendChild(style);
}

// Transparent 1x1 GIF for tiles that fail: no broken-image icon.
const EMPTY_TILE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const DEFAULT_COLOUR = '#1565c0';
const DRAW_COLOUR = '#0b57d0';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Faint square grid drawn locally: orientation when there are no tiles, never a network request. */
const OfflineGrid = L.GridLayer.extend({
  createTile() {
    const tile = document.createElement('canvas');
    const size = this.getTileSize();
    tile.width = size.x;
    tile.height = size.y;
    const ctx = tile.getContext('2d');
    ctx.strokeStyle = 'rgba(80, 96, 112, 0.18)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0.5, 0);
    ctx.lineTo(0.5, size.y);
    ctx.moveTo(0, 0.5);
    ctx.lineTo(size.x, 0.5);
    ctx.stroke();
    return tile;
  }
});

function finite(n) {
  return typeof n === 'number' && Number.isFinite(n);
}

function validLatLng(p) {
  return Array.isArray(p) && p.length >= 2 && finite(p[0]) && finite(p[1]) && Math.abs(p[0]) <= 90 && Math.abs(p[1]) <= 180;
}

function cleanPoints(points) {
  return Array.isArray(points) ? points.filter(validLatLng).map((p) => [p[0], p[1]]) : [];
}

function text(value) {
  return value === null || value === undefined ? '' : String(value);
}

function colourOf(item) {
  return text(item && item.colour) || DEFAULT_COLOUR;
}

/** Bounds of a circle in degrees, without needing the map's projection. */
function circleBounds(center, radius) {
  const dLat = radius / 111320;
  const dLon = radius / (111320 * Math.max(0.01, Math.cos((center[0] * Math.PI) / 180)));
  return L.latLngBounds([center[0] - dLat, center[1] - dLon], [center[0] + dLat, center[1] + dLon]);
}

class FleetMapElement extends HTMLElement {
  constructor() {
    super();
    this._markers = new Map(); // id -> model
    this._lines = new Map();
    this._shapes = new Map();
    this._markerLayers = new Map(); // id -> L.Marker
    this._lineLayers = new Map();
    this._shapeLayers = new Map();
    this._highlighted = null;
    this._pendingView = null; // {kind, ...} applied when the map has a size
    this._viewSet = false;
    this._tileUrl = '';
    this._attribution = '';
    this._drawing = null; // {type, points: [], center, preview layers}
    this._map = null;
  }

  // --- properties -------------------------------------------------------------------------------

  get tileUrl() {
    return this._tileUrl;
  }

  set tileUrl(value) {
    this._tileUrl = text(value).trim();
    this._scheduleTiles();
  }

  get attribution() {
    return this._attribution;
  }

  set attribution(value) {
    this._attribution = text(value);
    this._scheduleTiles();
  }

  // --- lifecycle --------------------------------------------------------------------------------

  connectedCallback() {
    // Properties set by Flow before the element was upgraded shadow the accessors: re-apply them.
    for (const prop of ['tileUrl', 'attribution']) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    ensureStyles();
    if (!this._canvas) {
      this._canvas = document.createElement('div');
      this._canvas.className = 'fm-canvas';
      // Once the user moves the map, a later resize no longer re-applies the last fit.
      for (const type of ['mousedown', 'wheel', 'touchstart', 'keydown']) {
        this._canvas.addEventListener(type, () => { this._refit = null; }, { passive: true });
      }
      this._hint = document.createElement('div');
      this._hint.className = 'fm-hint';
      this._hint.setAttribute('role', 'status');
      this._hint.setAttribute('aria-live', 'polite');
    }
    if (this._canvas.parentNode !== this) {
      this.appendChild(this._canvas);
      this.appendChild(this._hint);
    }
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'region');
    }
    if (!this.hasAttribute('aria-label') && !this.hasAttribute('aria-labelledby')) {
      this.setAttribute('aria-label', 'Map');
    }
    this._onHostKeyDown = this._onHostKeyDown || ((e) => this._handleKey(e));
    this.addEventListener('keydown', this._onHostKeyDown);
    this._createMap();
  }

  disconnectedCallback() {
    this.removeEventListener('keydown', this._onHostKeyDown);
    this._destroyMap();
  }

  _createMap() {
    if (this._map) {
      return;
    }
    const map = L.map(this._canvas, {
      zoomControl: true,
      attributionControl: true,
      keyboard: true,
      worldCopyJump: false,
      minZoom: 2,
      maxZoom: 19,
      zoomSnap: 0.5
    });
    this._map = map;
    if (this._savedView) {
      map.setView(this._savedView.center, this._savedView.zoom, { animate: false });
    } else {
      map.setView([54, -2], 5, { animate: false });
    }
    new OfflineGrid({ pane: 'tilePane', zIndex: 0 }).addTo(map);
    this._updateTiles();

    map.on('click', (e) => this._onMapClick(e));
    map.on('mousemove', (e) => this._onMapMove(e));
    map.on('dblclick', (e) => this._onMapDoubleClick(e));

    for (const id of this._shapes.keys()) this._renderShape(id);
    for (const id of this._lines.keys()) this._renderLine(id);
    for (const id of this._markers.keys()) this._renderMarker(id);
    this._applyHighlight();

    this._resizeObserver = new ResizeObserver(() => this._onResize());
    this._resizeObserver.observe(this);
    if (!this._savedView && !this._pendingView && this._hasContent()) {
      this._pendingView = { kind: 'fit', padding: 32 };
    }
    this._onResize();
  }

  _destroyMap() {
    if (!this._map) {
      return;
    }
    this._finishDrawing(false);
    this._resizeObserver.disconnect();
    this._resizeObserver = null;
    if (this._hasSize()) {
      this._savedView = { center: this._map.getCenter(), zoom: this._map.getZoom() };
    }
    this._map.remove();
    this._map = null;
    this._tileLayer = null;
    this._markerLayers.clear();
    this._lineLayers.clear();
    this._shapeLayers.clear();
  }

  _hasSize() {
    return this._canvas && this._canvas.clientWidth > 0 && this._canvas.clientHeight > 0;
  }

  _onResize() {
    if (!this._map || !this._hasSize()) {
      return;
    }
    this._map.invalidateSize({ pan: false, animate: false });
    if (this._pendingView) {
      const view = this._pendingView;
      this._pendingView = null;
      this._applyView(view);
    } else if (this._refit) {
      // The layout settled after a fit (e.g. the map grew): fit again to the new size.
      this._applyView(this._refit);
    }
  }

  /** tileUrl and attribution usually change together: rebuild the tile layer once. */
  _scheduleTiles() {
    if (!this._tilesScheduled) {
      this._tilesScheduled = true;
      queueMicrotask(() => {
        this._tilesScheduled = false;
        this._updateTiles();
      });
    }
  }

  _updateTiles() {
    const map = this._map;
    if (!map) {
      return;
    }
    if (this._tileLayer) {
      map.removeLayer(this._tileLayer);
      this._tileLayer = null;
    }
    if (this._tileUrl) {
      // Only when configured: with no URL there is no tile request at all (tests, offline use).
      const layer = L.tileLayer(this._tileUrl, {
        attribution: this._attribution,
        errorTileUrl: EMPTY_TILE,
        maxZoom: 19,
        zIndex: 1
      });
      layer.on('tileerror', (e) => e.tile && e.tile.classList.add('fm-tile-failed'));
      layer.addTo(map);
      this._tileLayer = layer;
    }
  }

  // --- markers ----------------------------------------------------------------------------------

  setMarkers(markers) {
    const next = new Map();
    for (const m of Array.isArray(markers) ? markers : []) {
      if (m && m.id !== undefined && m.id !== null && finite(m.lat) && finite(m.lon)) {
        next.set(String(m.id), m);
      }
    }
    for (const id of [...this._markers.keys()]) {
      if (!next.has(id)) {
        this.removeMarker(id);
      }
    }
    for (const m of next.values()) {
      this.upsertMarker(m);
    }
  }

  upsertMarker(marker) {
    if (!marker || marker.id === undefined || marker.id === null || !validLatLng([marker.lat, marker.lon])) {
      return;
    }
    const id = String(marker.id);
    const hadContent = this._hasContent();
    this._markers.set(id, marker);
    this._renderMarker(id);
    this._autoFit(hadContent);
  }

  upsertMarkers(markers) {
    for (const m of Array.isArray(markers) ? markers : []) {
      this.upsertMarker(m);
    }
  }

  removeMarker(id) {
    id = String(id);
    this._markers.delete(id);
    const layer = this._markerLayers.get(id);
    if (layer) {
      layer.remove();
      this._markerLayers.delete(id);
    }
  }

  _renderMarker(id) {
    const map = this._map;
    const model = this._markers.get(id);
    if (!map || !model) {
      return;
    }
    let layer = this._markerLayers.get(id);
    if (!layer) {
      const icon = L.divIcon({ className: 'fm-marker', html: '', iconSize: [24, 24], iconAnchor: [12, 12] });
      layer = L.marker([model.lat, model.lon], { icon, keyboard: true, riseOnHover: true, title: '' });
      layer.on('click', () => this._fire('marker-click', { id }));
      layer.addTo(map);
      this._markerLayers.set(id, layer);
      this._buildMarkerElement(layer, id);
      if (this._highlighted === id) {
        layer.getElement().classList.add('fm-highlight');
        layer.setZIndexOffset(10000);
      }
    } else {
      layer.setLatLng([model.lat, model.lon]);
    }
    this._updateMarkerElement(layer, model);
  }

  _buildMarkerElement(layer, id) {
    const el = layer.getElement();
    if (!el) {
      return;
    }
    const glyph = document.createElement('span');
    glyph.className = 'fm-glyph';
    glyph.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'fm-label';
    const labelText = document.createElement('span');
    labelText.className = 'fm-label-text';
    const status = document.createElement('span');
    status.className = 'fm-status';
    label.append(labelText, document.createTextNode(' '), status);
    label.setAttribute('aria-hidden', 'true'); // the button's aria-label already carries it
    el.replaceChildren(glyph, label);
    el.setAttribute('role', 'button');
    el.tabIndex = 0;
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar') {
        e.preventDefault();
        e.stopPropagation();
        this._fire('marker-click', { id });
      }
    });
    layer._fm = { glyph, label, labelText, status, key: null };
  }

  _updateMarkerElement(layer, model) {
    const el = layer.getElement();
    if (!el || !layer._fm) {
      return;
    }
    const parts = layer._fm;
    const colour = colourOf(model);
    const heading = finite(model.heading) ? model.heading : null;
    const label = text(model.label);
    const status = text(model.status);
    const title = text(model.title);
    // The visible text (label, then status when highlighted) starts the accessible name (WCAG 2.5.3).
    const name = [label, status, title && title !== label ? title : ''].filter((part) => part).join(', ') || String(model.id);

    const glyphKey = `${colour}|${heading === null ? 'dot' : 'arrow'}`;
    if (parts.key !== glyphKey) {
      parts.glyph.replaceChildren(heading === null ? this._dotSvg(colour) : this._arrowSvg(colour));
      parts.key = glyphKey;
    }
    // Only what changed is written: a live fleet moves thousands of markers a second, and an
    // unchanged attribute written again still costs the page a mutation (and its accessibility tree).
    const transform = heading === null ? '' : `rotate(${heading}deg)`;
    if (parts.transform !== transform) {
      parts.glyph.style.transform = transform;
      parts.transform = transform;
    }
    if (parts.labelText.textContent !== label) parts.labelText.textContent = label;
    if (parts.status.textContent !== status) parts.status.textContent = status;
    parts.label.classList.toggle('fm-label--no-text', !label);
    parts.label.classList.toggle('fm-label--empty', !label && !status);
    if (parts.name !== name) {
      el.setAttribute('aria-label', name);
      el.title = name;
      parts.name = name;
    }
  }

  _svg(children) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('focusable', 'false');
    for (const [tag, attrs] of children) {
      const node = document.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      svg.appendChild(node);
    }
    return svg;
  }

  _arrowSvg(colour) {
    return this._svg([
      ['circle', { cx: 12, cy: 12, r: 11, fill: '#fff', stroke: 'rgba(0,0,0,0.35)', 'stroke-width': 1 }],
      ['path', { d: 'M12 3 L19 19 L12 15.5 L5 19 Z', fill: colour, stroke: '#1b1f24', 'stroke-width': 1, 'stroke-linejoin': 'round' }]
    ]);
  }

  _dotSvg(colour) {
    return this._svg([
      ['circle', { cx: 12, cy: 12, r: 8, fill: colour, stroke: '#fff', 'stroke-width': 3 }],
      ['circle', { cx: 12, cy: 12, r: 9.5, fill: 'none', stroke: 'rgba(0,0,0,0.45)', 'stroke-width': 1 }]
    ]);
  }

  // --- polylines --------------------------------------------------------------------------------

  setPolylines(lines) {
    const next = new Map();
    for (const line of Array.isArray(lines) ? lines : []) {
      if (line && line.id !== undefined && line.id !== null) next.set(String(line.id), line);
    }
    for (const id of [...this._lines.keys()]) {
      if (!next.has(id)) this.removePolyline(id);
    }
    for (const line of next.values()) this.upsertPolyline(line);
  }

  upsertPolyline(line) {
    if (!line || line.id === undefined || line.id === null) {
      return;
    }
    const id = String(line.id);
    const hadContent = this._hasContent();
    this._lines.set(id, { ...line, points: cleanPoints(line.points) });
    this._renderLine(id);
    this._autoFit(hadContent);
  }

  removePolyline(id) {
    id = String(id);
    this._lines.delete(id);
    const layer = this._lineLayers.get(id);
    if (layer) {
      layer.remove();
      this._lineLayers.delete(id);
    }
  }

  /** Appends one point (a vehicle's trail), keeping at most maxPoints (0 or less: no limit). */
  extendPolyline(id, point, maxPoints) {
    id = String(id);
    const line = this._lines.get(id);
    if (!line || !validLatLng(point)) {
      return;
    }
    line.points.push([point[0], point[1]]);
    if (finite(maxPoints) && maxPoints > 0 && line.points.length > maxPoints) {
      line.points.splice(0, line.points.length - maxPoints);
    }
    const layer = this._lineLayers.get(id);
    if (layer) {
      layer.setLatLngs(line.points);
    } else {
      this._renderLine(id);
    }
  }

  _renderLine(id) {
    const map = this._map;
    const model = this._lines.get(id);
    if (!map || !model) {
      return;
    }
    const weight = finite(model.weight) && model.weight > 0 ? model.weight : 4;
    const style = { color: colourOf(model), weight, opacity: 0.9, lineJoin: 'round', lineCap: 'round' };
    let layer = this._lineLayers.get(id);
    if (!layer) {
      layer = L.polyline(model.points, { ...style, bubblingMouseEvents: true });
      layer.on('click', (e) => {
        if (!this._drawing) {
          e.originalEvent._fmHandled = true;
          this._fire('shape-click', { id });
        }
      });
      layer.addTo(map);
      this._lineLayers.set(id, layer);
    } else {
      layer.setLatLngs(model.points);
    }
    layer._fmStyle = style;
    layer.setStyle(this._highlighted === id ? { ...style, weight: weight + 3, opacity: 1 } : style);
    this._labelPath(layer, model.label);
  }

  // --- shapes -----------------------------------------------------------------------------------

  setShapes(shapes) {
    const next = new Map();
    for (const shape of Array.isArray(shapes) ? shapes : []) {
      if (shape && shape.id !== undefined && shape.id !== null) next.set(String(shape.id), shape);
    }
    for (const id of [...this._shapes.keys()]) {
      if (!next.has(id)) this.removeShape(id);
    }
    for (const shape of next.values()) this.upsertShape(shape);
  }

  upsertShape(shape) {
    if (!shape || shape.id === undefined || shape.id === null) {
      return;
    }
    const id = String(shape.id);
    const hadContent = this._hasContent();
    const model = { ...shape, points: cleanPoints(shape.points) };
    if (model.type === 'circle' && (!validLatLng(model.center) || !finite(model.radius) || model.radius <= 0)) {
      return;
    }
    if (model.type !== 'circle' && model.points.length < 3) {
      return;
    }
    // The type may change (circle -> polygon): start from a fresh layer.
    const old = this._shapeLayers.get(id);
    if (old) {
      old.remove();
      this._shapeLayers.delete(id);
    }
    this._shapes.set(id, model);
    this._renderShape(id);
    this._autoFit(hadContent);
  }

  removeShape(id) {
    id = String(id);
    this._shapes.delete(id);
    const layer = this._shapeLayers.get(id);
    if (layer) {
      layer.remove();
      this._shapeLayers.delete(id);
    }
  }

  _renderShape(id) {
    const map = this._map;
    const model = this._shapes.get(id);
    if (!map || !model || this._shapeLayers.has(id)) {
      return;
    }
    const style = { color: colourOf(model), weight: 2, opacity: 0.9, fillOpacity: 0.15, bubblingMouseEvents: true };
    const layer = model.type === 'circle'
      ? L.circle(model.center, { ...style, radius: model.radius })
      : L.polygon(model.points, style);
    layer.on('click', (e) => {
      if (!this._drawing) {
        e.originalEvent._fmHandled = true;
        this._fire('shape-click', { id });
      }
    });
    layer.addTo(map);
    layer._fmStyle = style;
    if (this._highlighted === id) layer.setStyle({ weight: 4, fillOpacity: 0.3 });
    this._shapeLayers.set(id, layer);
    this._labelPath(layer, model.label);
  }

  _labelPath(layer, label) {
    const value = text(label);
    layer.unbindTooltip();
    if (value) {
      const content = document.createElement('span');
      content.textContent = value;
      layer.bindTooltip(content, { sticky: true, direction: 'top' });
    }
    const path = layer.getElement && layer.getElement();
    if (path) {
      if (value) {
        path.setAttribute('role', 'img');
        path.setAttribute('aria-label', value);
      } else {
        path.removeAttribute('role');
        path.removeAttribute('aria-label');
      }
    }
  }

  // --- view -------------------------------------------------------------------------------------

  clear() {
    this.setMarkers([]);
    this.setPolylines([]);
    this.setShapes([]);
    this._highlighted = null;
  }

  fitBounds(paddingPx) {
    this._requestView({ kind: 'fit', padding: finite(paddingPx) ? Math.max(0, paddingPx) : 32 });
  }

  fitTo(bounds) {
    if (Array.isArray(bounds) && bounds.length === 2 && validLatLng(bounds[0]) && validLatLng(bounds[1])) {
      this._requestView({ kind: 'bounds', bounds: [bounds[0], bounds[1]] });
    }
  }

  setView(lat, lon, zoom) {
    if (validLatLng([lat, lon])) {
      this._requestView({ kind: 'view', center: [lat, lon], zoom: finite(zoom) ? zoom : 13 });
    }
  }

  _requestView(view) {
    this._viewSet = true;
    this._savedView = null;
    if (this._map && this._hasSize()) {
      this._applyView(view);
    } else {
      this._pendingView = view;
    }
  }

  _applyView(view) {
    const map = this._map;
    this._refit = view.kind === 'view' ? null : view;
    if (view.kind === 'view') {
      map.setView(view.center, view.zoom, { animate: false });
    } else if (view.kind === 'bounds') {
      map.fitBounds(view.bounds, { animate: false, padding: [16, 16] });
    } else {
      const bounds = this._contentBounds();
      if (!bounds) {
        return;
      }
      const p = view.padding;
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), 15, { animate: false });
      } else {
        map.fitBounds(bounds, { padding: [p, p], maxZoom: 16, animate: false });
      }
    }
  }

  _hasContent() {
    return this._markers.size > 0 || this._lines.size > 0 || this._shapes.size > 0;
  }

  /** Without an explicit view from Java, the first content that appears is brought into view. */
  _autoFit(hadContent) {
    if (!this._viewSet && !this._savedView && !hadContent && this._hasContent()) {
      this._viewSet = true;
      const view = { kind: 'fit', padding: 32 };
      if (this._map && this._hasSize()) {
        // Let the rest of this batch (more upserts) arrive first.
        queueMicrotask(() => this._map && this._applyView(view));
      } else {
        this._pendingView = view;
      }
    }
  }

  _contentBounds() {
    let bounds = null;
    const add = (b) => {
      if (!b) return;
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    };
    for (const m of this._markers.values()) add(L.latLngBounds([m.lat, m.lon], [m.lat, m.lon]));
    for (const line of this._lines.values()) if (line.points.length) add(L.latLngBounds(line.points));
    for (const s of this._shapes.values()) {
      add(s.type === 'circle' ? circleBounds(s.center, s.radius) : L.latLngBounds(s.points));
    }
    return bounds;
  }

  // --- popup and highlight ----------------------------------------------------------------------

  openPopup(id, message) {
    id = String(id);
    const layer = this._markerLayers.get(id) || this._lineLayers.get(id) || this._shapeLayers.get(id);
    if (!layer || !this._map) {
      return;
    }
    const content = document.createElement('div');
    content.className = 'fm-popup';
    // Text only, never interpreted as HTML; line breaks become <br>.
    text(message).split('\n').forEach((line, i) => {
      if (i > 0) content.appendChild(document.createElement('br'));
      content.appendChild(document.createTextNode(line));
    });
    // Markers and circles have a position; lines and polygons open at their centre.
    const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    L.popup({ offset: this._markerLayers.has(id) ? [0, -8] : [0, 0], autoPan: true })
      .setLatLng(at)
      .setContent(content)
      .openOn(this._map);
  }

  highlight(id) {
    this._highlighted = id === null || id === undefined || id === '' ? null : String(id);
    this._applyHighlight();
    const layer = this._highlighted && this._markerLayers.get(this._highlighted);
    if (layer && this._map && this._hasSize()) {
      this._map.panInside(layer.getLatLng(), { padding: [48, 48], animate: false });
    }
  }

  _applyHighlight() {
    const hl = this._highlighted;
    for (const [id, layer] of this._markerLayers) {
      const el = layer.getElement();
      if (el) el.classList.toggle('fm-highlight', id === hl);
      layer.setZIndexOffset(id === hl ? 10000 : 0);
    }
    for (const [id, layer] of this._lineLayers) {
      const style = layer._fmStyle;
      if (style) layer.setStyle(id === hl ? { ...style, weight: style.weight + 3, opacity: 1 } : style);
      if (id === hl) layer.bringToFront();
    }
    for (const [id, layer] of this._shapeLayers) {
      const style = layer._fmStyle;
      if (style) layer.setStyle(id === hl ? { ...style, weight: 4, fillOpacity: 0.3 } : style);
    }
  }

  // --- drawing ----------------------------------------------------------------------------------

  startDrawing(type) {
    this._finishDrawing(false);
    if ((type !== 'circle' && type !== 'polygon') || !this._map) {
      return;
    }
    const layers = L.layerGroup().addTo(this._map);
    this._drawing = { type, points: [], center: null, layers, preview: null, cursor: null };
    this.classList.add('fm-drawing');
    this._map.doubleClickZoom.disable();
    this._updateHint();
  }

  cancelDrawing() {
    this._finishDrawing(false);
  }

  _updateHint() {
    const d = this._drawing;
    let message = '';
    if (d && d.type === 'circle') {
      message = d.center
        ? 'Click the edge of the circle to set its radius (Space: use the map centre). Escape cancels.'
        : 'Click the centre of the circle (Space: use the map centre). Escape cancels.';
    } else if (d) {
      message = d.points.length < 3
        ? `Click to add corner ${d.points.length + 1} of the area (Space: at the map centre). Escape cancels.`
        : `${d.points.length} corners. Click to add more, double-click or press Enter to finish, Backspace removes the last.`;
    }
    if (this._hint && this._hint.textContent !== message) this._hint.textContent = message;
  }

  _onMapClick(e) {
    if (this._drawing) {
      this._addDrawingPoint(e.latlng);
      return;
    }
    if (e.originalEvent && e.originalEvent._fmHandled) {
      return;
    }
    this._fire('map-click', { lat: e.latlng.lat, lon: this._wrapLon(e.latlng.lng) });
  }

  _wrapLon(lon) {
    return ((((lon + 180) % 360) + 360) % 360) - 180;
  }

  _addDrawingPoint(latlng) {
    const d = this._drawing;
    const point = [latlng.lat, this._wrapLon(latlng.lng)];
    if (!validLatLng(point)) {
      return;
    }
    if (d.type === 'circle') {
      if (!d.center) {
        d.center = point;
        L.circleMarker(point, { radius: 4, color: DRAW_COLOUR, weight: 2, fillOpacity: 1, interactive: false }).addTo(d.layers);
        this._updateHint();
      } else {
        const radius = this._map.distance(d.center, point);
        if (radius < 1) {
          return;
        }
        this._emitDrawn({ type: 'circle', center: d.center, radius, points: [] });
      }
      return;
    }
    const last = d.points[d.points.length - 1];
    if (last && this._map.latLngToContainerPoint(last).distanceTo(this._map.latLngToContainerPoint(point)) < 4) {
      return; // second click of a double-click
    }
    d.points.push(point);
    L.circleMarker(point, { radius: 4, color: DRAW_COLOUR, weight: 2, fillOpacity: 1, interactive: false }).addTo(d.layers);
    this._drawPreview(null);
    this._updateHint();
  }

  _onMapMove(e) {
    if (this._drawing) {
      this._drawPreview(e.latlng);
    }
  }

  _drawPreview(cursor) {
    const d = this._drawing;
    if (!d) return;
    if (cursor) d.cursor = cursor;
    if (d.preview) {
      d.layers.removeLayer(d.preview);
      d.preview = null;
    }
    const style = { color: DRAW_COLOUR, weight: 2, dashArray: '6 6', fillOpacity: 0.1, interactive: false };
    if (d.type === 'circle' && d.center && d.cursor) {
      d.preview = L.circle(d.center, { ...style, radius: this._map.distance(d.center, d.cursor) });
    } else if (d.type === 'polygon' && d.points.length) {
      const pts = d.cursor ? [...d.points, [d.cursor.lat, d.cursor.lng]] : d.points;
      d.preview = pts.length >= 3 ? L.polygon(pts, style) : L.polyline(pts, style);
    }
    if (d.preview) d.preview.addTo(d.layers);
  }

  _onMapDoubleClick(e) {
    if (this._drawing && this._drawing.type === 'polygon') {
      L.DomEvent.stop(e.originalEvent);
      this._completePolygon();
    }
  }

  _completePolygon() {
    const d = this._drawing;
    if (d && d.type === 'polygon' && d.points.length >= 3) {
      this._emitDrawn({ type: 'polygon', center: null, radius: null, points: d.points.slice() });
    }
  }

  _emitDrawn(detail) {
    this._finishDrawing(false);
    this._fire('shape-drawn', detail);
  }

  _finishDrawing(userCancelled) {
    const d = this._drawing;
    if (!d) return;
    this._drawing = null;
    d.layers.remove();
    this.classList.remove('fm-drawing');
    if (this._map) this._map.doubleClickZoom.enable();
    this._updateHint();
    if (userCancelled) this._fire('drawing-cancelled', {});
  }

  _handleKey(e) {
    const d = this._drawing;
    if (!d) {
      return;
    }
    if (e.key === 'Escape' || e.key === 'Esc') {
      e.preventDefault();
      e.stopPropagation();
      this._finishDrawing(true);
    } else if (e.key === 'Enter' && d.type === 'polygon') {
      e.preventDefault();
      e.stopPropagation();
      this._completePolygon();
    } else if (e.key === ' ' && e.target && e.target.classList && e.target.classList.contains('leaflet-container')) {
      e.preventDefault();
      this._addDrawingPoint(this._map.getCenter());
    } else if (e.key === 'Backspace' && d.type === 'polygon' && d.points.length) {
      e.preventDefault();
      d.points.pop();
      d.layers.clearLayers();
      d.preview = null;
      for (const p of d.points) {
        L.circleMarker(p, { radius: 4, color: DRAW_COLOUR, weight: 2, fillOpacity: 1, interactive: false }).addTo(d.layers);
      }
      this._drawPreview(null);
      this._updateHint();
    }
  }

  _fire(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: false, composed: false }));
  }
}

if (!customElements.get('fleet-map')) {
  customElements.define('fleet-map', FleetMapElement);
}
