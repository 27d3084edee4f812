package com.fleetdesk.base.ui.map;

import java.io.Serializable;

/**
 * A point on the map (a vehicle, a stop), drawn as an arrow turned to {@code heading} or, without a
 * heading, a dot, with {@code label} written next to it. Colour only repeats what the text says.
 * <p>
 * In the browser the marker is a focusable button named "label, status, title" (empty parts left out), so
 * the visible text always starts its accessible name (WCAG 2.5.3).
 *
 * @param id      unique among the map's markers; {@link FleetMap#upsertMarker} replaces by it
 * @param lat     latitude, -90..90
 * @param lon     longitude, -180..180
 * @param heading degrees clockwise from north, or {@code null} for no direction (a dot)
 * @param colour  a CSS colour (#hex, rgb(), a name, var(--…)); {@code null}: the default blue
 * @param label   short text shown next to the marker, e.g. a plate; may be empty
 * @param title   longer description for the tooltip and accessible name, e.g. "Ford Transit, driver Sam Lee"
 * @param status  state in words, e.g. "Moving 54 km/h"; shown under the label when highlighted or focused
 */
public record MapMarker(String id, double lat, double lon, Double heading, String colour, String label, String title,
                        String status) implements Serializable {

    public MapMarker {
        MapStyle.id(id, "Marker");
        LatLon.requireValid(lat, lon, "Marker " + id);
        if (heading != null) {
            if (!Double.isFinite(heading)) {
                throw new IllegalArgumentException("Marker " + id + ": heading must be a finite number of degrees, was " + heading);
            }
            heading = ((heading % 360) + 360) % 360;
        }
        colour = MapStyle.colour(colour, "Marker " + id);
        label = MapStyle.text(label);
        title = MapStyle.text(title);
        status = MapStyle.text(status);
    }

    public MapMarker(String id, LatLon position, Double heading, String colour, String label, String title, String status) {
        this(id, position.lat(), position.lon(), heading, colour, label, title, status);
    }

    public LatLon position() {
        return new LatLon(lat, lon);
    }

    /** The same marker moved (server push of a new GPS fix). */
    public MapMarker withPosition(double lat, double lon, Double heading) {
        return new MapMarker(id, lat, lon, heading, colour, label, title, status);
    }

    public MapMarker withStatus(String status, String colour) {
        return new MapMarker(id, lat, lon, heading, colour, label, title, status);
    }
}
