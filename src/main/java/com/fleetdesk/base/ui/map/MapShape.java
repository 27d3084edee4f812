package com.fleetdesk.base.ui.map;

import java.io.Serializable;
import java.util.List;

/**
 * An area: a geofence circle or polygon. Use {@link #circle} and {@link #polygon}.
 *
 * @param id     unique among the map's shapes
 * @param type   circle or polygon
 * @param center the circle's centre ({@code null} for a polygon)
 * @param radius the circle's radius in metres (0 for a polygon)
 * @param points the polygon's corners, at least 3 (empty for a circle)
 * @param colour a CSS colour; {@code null}: the default blue
 * @param label  tooltip and accessible name, e.g. "Geofence: Trafford depot"
 */
public record MapShape(String id, Type type, LatLon center, double radius, List<LatLon> points, String colour, String label)
        implements Serializable {

    public enum Type {
        CIRCLE, POLYGON;

        /** The name the browser side uses: "circle" or "polygon". */
        public String jsName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type fromJsName(String name) {
            for (Type type : values()) {
                if (type.jsName().equals(name)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("Unknown shape type: " + name);
        }
    }

    public MapShape {
        MapStyle.id(id, "Shape");
        if (type == null) {
            throw new IllegalArgumentException("Shape " + id + ": type is required");
        }
        points = List.copyOf(points == null ? List.of() : points);
        if (type == Type.CIRCLE) {
            if (center == null) {
                throw new IllegalArgumentException("Shape " + id + ": a circle needs a centre");
            }
            if (!Double.isFinite(radius) || radius <= 0 || radius > 1_000_000) {
                throw new IllegalArgumentException("Shape " + id + ": a circle's radius must be more than 0 and at most 1,000 km, was " + radius + " m");
            }
            points = List.of();
        } else {
            if (points.size() < 3) {
                throw new IllegalArgumentException("Shape " + id + ": a polygon needs at least 3 points, had " + points.size());
            }
            center = null;
            radius = 0;
        }
        colour = MapStyle.colour(colour, "Shape " + id);
        label = MapStyle.text(label);
    }

    public static MapShape circle(String id, LatLon center, double radiusMetres, String colour, String label) {
        return new MapShape(id, Type.CIRCLE, center, radiusMetres, List.of(), colour, label);
    }

    public static MapShape polygon(String id, List<LatLon> points, String colour, String label) {
        return new MapShape(id, Type.POLYGON, null, 0, points, colour, label);
    }
}
