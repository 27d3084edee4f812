package com.fleetdesk.base.ui.map;

import java.io.Serializable;

/**
 * A WGS84 position in decimal degrees.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record LatLon(double lat, double lon) implements Serializable {

    public LatLon {
        requireValid(lat, lon, "Position");
    }

    public static LatLon of(double lat, double lon) {
        return new LatLon(lat, lon);
    }

    /** Throws an {@link IllegalArgumentException} naming {@code what} unless both coordinates are finite and in range. */
    static void requireValid(double lat, double lon, String what) {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException(what + ": latitude must be between -90 and 90 degrees, was " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException(what + ": longitude must be between -180 and 180 degrees, was " + lon);
        }
    }
}
