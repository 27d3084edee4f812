package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Leaflet map (the {@code <fleet-map>} element in {@code frontend/fleet-map.js}) with markers, polylines
 * and shapes, driven from the server.
 * <p>
 * The component keeps what it shows: every change is sent to the browser while attached, and the whole
 * state is sent again when it is attached (again), e.g. when the user navigates back to a kept view. Ids
 * are unique per kind; {@code upsert…} replaces the item with the same id.
 * <p>
 * There is no tile layer unless {@link #setTileUrl} gives one: without it (or when tiles fail to load) the
 * map draws a faint grid on a neutral background and everything else works the same. The host element is
 * a landmark region; give it a name with {@link #setAriaLabel}. Markers are focusable buttons named by
 * their title and status, so colour is never the only carrier of meaning.
 * <p>
 * Height: the element fills its container's height (100%, at least 240px); call {@link #setHeight} or
 * {@link #setHeightFull} as the layout needs.
 */
@Tag("fleet-map")
@NpmPackage(value = "leaflet", version = "1.9.4")
@JsModule("./fleet-map.js")
public class FleetMap extends Component implements HasSize, HasStyle, HasAriaLabel {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, MapMarker> markers = new LinkedHashMap<>();
    private final Map<String, MapPolyline> polylines = new LinkedHashMap<>();
    private final Map<String, MapShape> shapes = new LinkedHashMap<>();
    private String highlighted;
    /** The last view request (setView / fitBounds / fitTo), repeated on re-attach. */
    private ViewRequest view;

    private record ViewRequest(String function, Serializable[] arguments) implements Serializable {
    }

    public FleetMap() {
        getElement().setAttribute("role", "region");
        setAriaLabel("Map");
        addAttachListener(this::resendState);
    }

    public FleetMap(String ariaLabel) {
        this();
        setAriaLabel(ariaLabel);
    }

    // --- configuration ------------------------------------------------------------------------------

    /**
     * The tile server, e.g. {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}, and its attribution
     * (plain text or simple HTML, shown in the map corner as Leaflet does). {@code null} or blank: no tiles.
     */
    public void setTileUrl(String urlTemplate, String attribution) {
        getElement().setProperty("tileUrl", urlTemplate == null ? "" : urlTemplate.strip());
        getElement().setProperty("attribution", attribution == null ? "" : attribution);
    }

    public String getTileUrl() {
        return getElement().getProperty("tileUrl", "");
    }

    /**
     * Whether every marker's label is shown (the default). Off suits dense maps: only the highlighted or
     * keyboard-focused marker then shows its label; titles, tooltips and accessible names stay.
     */
    public void setMarkerLabelsVisible(boolean visible) {
        getElement().setAttribute("hide-labels", !visible);
    }

    public boolean isMarkerLabelsVisible() {
        return !getElement().hasAttribute("hide-labels");
    }

    // --- markers ------------------------------------------------------------------------------------

    /** Replaces all markers. */
    public void setMarkers(Collection<MapMarker> newMarkers) {
        Map<String, MapMarker> next = byId(newMarkers, MapMarker::id, "marker");
        markers.clear();
        markers.putAll(next);
        call("setMarkers", markersJson());
    }

    /** Adds the marker, or replaces (moves, restyles) the one with the same id. */
    public void upsertMarker(MapMarker marker) {
        Objects.requireNonNull(marker, "marker");
        markers.put(marker.id(), marker);
        call("upsertMarker", toJson(marker));
    }

    /** Adds or replaces several markers in one call to the browser (one entry in the push, not one per marker). */
    public void upsertMarkers(Collection<MapMarker> changed) {
        if (changed.isEmpty()) {
            return;
        }
        ArrayNode array = JSON.arrayNode();
        for (MapMarker marker : changed) {
            Objects.requireNonNull(marker, "marker");
            markers.put(marker.id(), marker);
            array.add(toJson(marker));
        }
        call("upsertMarkers", array);
    }

    /**
     * Adds or replaces several markers prepared once for many maps ({@link PreparedMarker}), in one
     * call to the browser; the same as {@link #upsertMarkers} for what the map shows.
     */
    public void upsertPrepared(Collection<PreparedMarker> changed) {
        if (changed.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(changed.size() * 180).append('[');
        for (PreparedMarker prepared : changed) {
            markers.put(prepared.marker().id(), prepared.marker());
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(prepared.json());
        }
        // Raw JSON inside the response: as a string argument the text would be escaped again, for every map.
        call("upsertMarkers", JSON.pojoNode(new RawValue(text.append(']').toString())));
    }

    /** @return whether there was such a marker */
    public boolean removeMarker(String id) {
        boolean removed = markers.remove(id) != null;
        if (removed) {
            call("removeMarker", id);
        }
        return removed;
    }

    public List<MapMarker> getMarkers() {
        return List.copyOf(markers.values());
    }

    public Optional<MapMarker> getMarker(String id) {
        return Optional.ofNullable(id == null ? null : markers.get(id));
    }

    // --- polylines ----------------------------------------------------------------------------------

    /** Replaces all polylines. */
    public void setPolylines(Collection<MapPolyline> newLines) {
        Map<String, MapPolyline> next = byId(newLines, MapPolyline::id, "polyline");
        polylines.clear();
        polylines.putAll(next);
        call("setPolylines", polylinesJson());
    }

    public void upsertPolyline(MapPolyline line) {
        Objects.requireNonNull(line, "line");
        polylines.put(line.id(), line);
        call("upsertPolyline", toJson(line));
    }

    /**
     * Appends a point to an existing polyline (a vehicle's trail as fixes arrive) without sending the whole
     * line again, dropping the oldest points beyond {@code maxPoints} (0: keep all).
     *
     * @throws IllegalArgumentException if there is no polyline with that id
     */
    public void extendPolyline(String id, LatLon point, int maxPoints) {
        Objects.requireNonNull(point, "point");
        MapPolyline line = polylines.get(id);
        if (line == null) {
            throw new IllegalArgumentException("No polyline with id " + id);
        }
        List<LatLon> points = new ArrayList<>(line.points());
        points.add(point);
        if (maxPoints > 0 && points.size() > maxPoints) {
            points = points.subList(points.size() - maxPoints, points.size());
        }
        polylines.put(id, new MapPolyline(id, points, line.colour(), line.weight(), line.label()));
        call("extendPolyline", id, toJson(point), maxPoints);
    }

    public boolean removePolyline(String id) {
        boolean removed = polylines.remove(id) != null;
        if (removed) {
            call("removePolyline", id);
        }
        return removed;
    }

    public List<MapPolyline> getPolylines() {
        return List.copyOf(polylines.values());
    }

    public Optional<MapPolyline> getPolyline(String id) {
        return Optional.ofNullable(id == null ? null : polylines.get(id));
    }

    // --- shapes -------------------------------------------------------------------------------------

    /** Replaces all shapes (geofence circles and polygons). */
    public void setShapes(Collection<MapShape> newShapes) {
        Map<String, MapShape> next = byId(newShapes, MapShape::id, "shape");
        shapes.clear();
        shapes.putAll(next);
        call("setShapes", shapesJson());
    }

    public void upsertShape(MapShape shape) {
        Objects.requireNonNull(shape, "shape");
        shapes.put(shape.id(), shape);
        call("upsertShape", toJson(shape));
    }

    public boolean removeShape(String id) {
        boolean removed = shapes.remove(id) != null;
        if (removed) {
            call("removeShape", id);
        }
        return removed;
    }

    public List<MapShape> getShapes() {
        return List.copyOf(shapes.values());
    }

    public Optional<MapShape> getShape(String id) {
        return Optional.ofNullable(id == null ? null : shapes.get(id));
    }

    /** Removes all markers, polylines and shapes, and the highlight. */
    public void clear() {
        markers.clear();
        polylines.clear();
        shapes.clear();
        highlighted = null;
        call("clear");
    }

    // --- view ---------------------------------------------------------------------------------------

    /**
     * Zooms and pans so that all markers, polylines and shapes are visible, with {@code paddingPx} free
     * around them. Without any view request the map does this once by itself when content first arrives.
     */
    public void fitBounds(int paddingPx) {
        if (paddingPx < 0) {
            throw new IllegalArgumentException("Padding must not be negative, was " + paddingPx);
        }
        requestView("fitBounds", paddingPx);
    }

    /** Zooms and pans to show the box spanned by two corners. */
    public void fitTo(LatLon corner, LatLon oppositeCorner) {
        Objects.requireNonNull(corner, "corner");
        Objects.requireNonNull(oppositeCorner, "oppositeCorner");
        ArrayNode bounds = JSON.arrayNode().add(toJson(corner)).add(toJson(oppositeCorner));
        requestView("fitTo", bounds);
    }

    /** Centres the map at a position with a zoom level (2 = continents … 19 = buildings). */
    public void setView(LatLon center, int zoom) {
        Objects.requireNonNull(center, "center");
        if (zoom < 0 || zoom > 19) {
            throw new IllegalArgumentException("Zoom must be 0..19, was " + zoom);
        }
        requestView("setView", center.lat(), center.lon(), zoom);
    }

    public void setView(double lat, double lon, int zoom) {
        setView(new LatLon(lat, lon), zoom);
    }

    private void requestView(String function, Serializable... arguments) {
        view = new ViewRequest(function, arguments);
        call(function, (Object[]) arguments);
    }

    /**
     * Opens a popup on the marker, polyline or shape with this id. The text is shown as plain text (never
     * parsed as HTML; line breaks are kept). Not restored on re-attach.
     */
    public void openPopup(String id, String text) {
        Objects.requireNonNull(id, "id");
        call("openPopup", id, text == null ? "" : text);
    }

    /**
     * Emphasises one marker (shows its status text, brings it to the front and into view), polyline or
     * shape; {@code null} clears the highlight.
     */
    public void highlight(String id) {
        highlighted = id;
        call("highlight", id);
    }

    public Optional<String> getHighlighted() {
        return Optional.ofNullable(highlighted);
    }

    // --- drawing ------------------------------------------------------------------------------------

    /**
     * Lets the user draw a circle (click the centre, then a point on the edge) or a polygon (click the
     * corners, finish with a double-click or Enter). Space places a point at the map centre, so the
     * keyboard alone can draw (arrow keys pan). Escape cancels ({@link DrawingCancelledEvent}); the result
     * arrives as a {@link ShapeDrawnEvent}. The drawn shape is not kept: add it with {@link #upsertShape}.
     */
    public void startDrawing(MapShape.Type type) {
        Objects.requireNonNull(type, "type");
        call("startDrawing", type.jsName());
    }

    public void cancelDrawing() {
        call("cancelDrawing");
    }

    // --- events -------------------------------------------------------------------------------------

    public Registration addMarkerClickListener(ComponentEventListener<MarkerClickEvent> listener) {
        return addListener(MarkerClickEvent.class, listener);
    }

    public Registration addMapClickListener(ComponentEventListener<MapClickEvent> listener) {
        return addListener(MapClickEvent.class, listener);
    }

    public Registration addShapeClickListener(ComponentEventListener<ShapeClickEvent> listener) {
        return addListener(ShapeClickEvent.class, listener);
    }

    public Registration addShapeDrawnListener(ComponentEventListener<ShapeDrawnEvent> listener) {
        return addListener(ShapeDrawnEvent.class, listener);
    }

    public Registration addDrawingCancelledListener(ComponentEventListener<DrawingCancelledEvent> listener) {
        return addListener(DrawingCancelledEvent.class, listener);
    }

    // --- client sync --------------------------------------------------------------------------------

    /** Sends only while attached: on (re-)attach {@link #resendState} sends everything at once. */
    private void call(String function, Object... arguments) {
        if (isAttached()) {
            getElement().callJsFunction(function, arguments);
        }
    }

    private void resendState(AttachEvent event) {
        // A new client element after (re-)attach: give it the whole state.
        getElement().callJsFunction("setShapes", shapesJson());
        getElement().callJsFunction("setPolylines", polylinesJson());
        getElement().callJsFunction("setMarkers", markersJson());
        if (highlighted != null) {
            getElement().callJsFunction("highlight", highlighted);
        }
        if (view != null) {
            getElement().callJsFunction(view.function(), (Object[]) view.arguments());
        }
    }

    private static <T> Map<String, T> byId(Collection<T> items, java.util.function.Function<T, String> id, String what) {
        Objects.requireNonNull(items, what + "s");
        Map<String, T> result = new LinkedHashMap<>();
        for (T item : items) {
            Objects.requireNonNull(item, what);
            if (result.put(id.apply(item), item) != null) {
                throw new IllegalArgumentException("Duplicate " + what + " id: " + id.apply(item));
            }
        }
        return result;
    }

    // --- JSON (Jackson 3 trees: Element.callJsFunction passes JsonNode arguments through unchanged) ---

    private ArrayNode markersJson() {
        ArrayNode array = JSON.arrayNode();
        markers.values().forEach(m -> array.add(toJson(m)));
        return array;
    }

    private ArrayNode polylinesJson() {
        ArrayNode array = JSON.arrayNode();
        polylines.values().forEach(l -> array.add(toJson(l)));
        return array;
    }

    private ArrayNode shapesJson() {
        ArrayNode array = JSON.arrayNode();
        shapes.values().forEach(s -> array.add(toJson(s)));
        return array;
    }

    private static final tools.jackson.databind.json.JsonMapper ASCII_JSON = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** The marker as the browser's {@code upsertMarker} takes it, as ASCII JSON text. */
    static String asciiJson(MapMarker marker) {
        return ASCII_JSON.writeValueAsString(toJson(marker));
    }

    static ObjectNode toJson(MapMarker marker) {
        ObjectNode json = JSON.objectNode();
        json.put("id", marker.id());
        json.put("lat", marker.lat());
        json.put("lon", marker.lon());
        if (marker.heading() == null) {
            json.putNull("heading");
        } else {
            json.put("heading", marker.heading().doubleValue());
        }
        json.put("colour", marker.colour());
        json.put("label", marker.label());
        json.put("title", marker.title());
        json.put("status", marker.status());
        return json;
    }

    static ObjectNode toJson(MapPolyline line) {
        ObjectNode json = JSON.objectNode();
        json.put("id", line.id());
        json.set("points", toJson(line.points()));
        json.put("colour", line.colour());
        json.put("weight", line.weight());
        json.put("label", line.label());
        return json;
    }

    static ObjectNode toJson(MapShape shape) {
        ObjectNode json = JSON.objectNode();
        json.put("id", shape.id());
        json.put("type", shape.type().jsName());
        if (shape.center() == null) {
            json.putNull("center");
        } else {
            json.set("center", toJson(shape.center()));
        }
        json.put("radius", shape.radius());
        json.set("points", toJson(shape.points()));
        json.put("colour", shape.colour());
        json.put("label", shape.label());
        return json;
    }

    static ArrayNode toJson(LatLon point) {
        return JSON.arrayNode().add(point.lat()).add(point.lon());
    }

    static ArrayNode toJson(List<LatLon> points) {
        ArrayNode array = JSON.arrayNode();
        points.forEach(p -> array.add(toJson(p)));
        return array;
    }
}
