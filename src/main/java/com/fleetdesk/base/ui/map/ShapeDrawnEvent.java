package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The user finished drawing a shape after {@link FleetMap#startDrawing}. The map does not keep it:
 * add it with {@link FleetMap#upsertShape(MapShape)} (e.g. via {@link #toShape}) once saved.
 */
@DomEvent("shape-drawn")
public class ShapeDrawnEvent extends ComponentEvent<FleetMap> {

    private final MapShape.Type type;
    private final LatLon center;
    private final double radius;
    private final List<LatLon> points;

    public ShapeDrawnEvent(FleetMap source, boolean fromClient, @EventData("event.detail") JsonNode detail) {
        super(source, fromClient);
        // Browser input: read defensively, dropping anything that is not a valid coordinate.
        this.type = detail != null && "circle".equals(detail.path("type").asString(""))
                ? MapShape.Type.CIRCLE : MapShape.Type.POLYGON;
        this.center = detail == null ? null : point(detail.get("center"));
        JsonNode r = detail == null ? null : detail.get("radius");
        this.radius = r != null && r.isNumber() && Double.isFinite(r.asDouble()) ? r.asDouble() : 0;
        List<LatLon> read = new ArrayList<>();
        JsonNode array = detail == null ? null : detail.get("points");
        if (array != null && array.isArray()) {
            for (JsonNode p : array) {
                LatLon point = point(p);
                if (point != null) {
                    read.add(point);
                }
            }
        }
        this.points = Collections.unmodifiableList(read);
    }

    private static LatLon point(JsonNode node) {
        if (node == null || !node.isArray() || node.size() < 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            return null;
        }
        double lat = node.get(0).asDouble();
        double lon = node.get(1).asDouble();
        if (!Double.isFinite(lat) || !Double.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            return null;
        }
        return new LatLon(lat, lon);
    }

    public MapShape.Type getType() {
        return type;
    }

    /** The circle's centre; empty for a polygon. */
    public Optional<LatLon> getCenter() {
        return Optional.ofNullable(center);
    }

    /** The circle's radius in metres; 0 for a polygon. */
    public double getRadius() {
        return radius;
    }

    /** The polygon's corners in drawing order; empty for a circle. */
    public List<LatLon> getPoints() {
        return points;
    }

    /**
     * The drawn shape with an id, colour and label of the caller's choosing.
     *
     * @throws IllegalArgumentException if the browser sent an incomplete shape
     */
    public MapShape toShape(String id, String colour, String label) {
        return type == MapShape.Type.CIRCLE
                ? MapShape.circle(id, center, radius, colour, label)
                : MapShape.polygon(id, points, colour, label);
    }
}
