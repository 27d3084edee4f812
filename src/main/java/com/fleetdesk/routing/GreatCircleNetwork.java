package com.fleetdesk.routing;

import java.util.List;

/** Straight-line (haversine) distance stretched by a road factor, driven at an average speed. */
class GreatCircleNetwork implements RoadNetwork {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double roadFactor;
    private final double metresPerSecond;

    GreatCircleNetwork(double roadFactor, double averageSpeedKmh) {
        if (roadFactor < 1 || roadFactor > 5) {
            throw new IllegalArgumentException("fleetdesk.routing.road-factor must be between 1 and 5, was " + roadFactor);
        }
        if (averageSpeedKmh <= 0 || averageSpeedKmh > 200) {
            throw new IllegalArgumentException("fleetdesk.routing.average-speed-kmh must be between 0 and 200, was " + averageSpeedKmh);
        }
        this.roadFactor = roadFactor;
        this.metresPerSecond = averageSpeedKmh / 3.6;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "great-circle × %.2f at %.0f km/h", roadFactor, metresPerSecond * 3.6);
    }

    static double haversineMetres(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    @Override
    public Matrix table(List<GeoPoint> points) {
        int n = points.size();
        long[][] metres = new long[n][n];
        long[][] seconds = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double m = haversineMetres(points.get(i), points.get(j)) * roadFactor;
                    metres[i][j] = Math.round(m);
                    seconds[i][j] = Math.round(m / metresPerSecond);
                }
            }
        }
        return new Matrix(metres, seconds);
    }
}
