package com.fleetdesk.routing;

/** A latitude/longitude pair in degrees; the routing module's own, so it needs no UI types. */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude must be between -90 and 90, was " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude must be between -180 and 180, was " + lon);
        }
    }
}
