package com.fleetdesk.base.ui.map;

import java.io.Serializable;
import java.util.List;

/**
 * A line through points: a GPS track, a vehicle's trail or a planned route.
 *
 * @param id     unique among the map's polylines
 * @param points the line's points in order (may be empty, e.g. a trail about to be extended)
 * @param colour a CSS colour; {@code null}: the default blue
 * @param weight line width in pixels, 1..20 (0: the default, 4)
 * @param label  shown as a tooltip and used as the line's accessible name, e.g. "Route 3: Salford depot"
 */
public record MapPolyline(String id, List<LatLon> points, String colour, int weight, String label) implements Serializable {

    public MapPolyline {
        MapStyle.id(id, "Polyline");
        points = List.copyOf(points == null ? List.of() : points);
        colour = MapStyle.colour(colour, "Polyline " + id);
        if (weight == 0) {
            weight = 4;
        }
        if (weight < 1 || weight > 20) {
            throw new IllegalArgumentException("Polyline " + id + ": weight must be 1..20 pixels, was " + weight);
        }
        label = MapStyle.text(label);
    }

    public MapPolyline(String id, List<LatLon> points, String colour, String label) {
        this(id, points, colour, 4, label);
    }
}
