package com.fleetdesk.telematics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A vehicle's track over a time range, with the places it stood still. */
public record Trail(long vehicleId, List<TrailPoint> points, List<Stop> stops, double distanceKm) {

    /** Slower than this counts as standing still. */
    public static final double STOP_SPEED_KMH = 3.0;
    /** Standing still at least this long is a stop worth marking. */
    public static final Duration MIN_STOP = Duration.ofMinutes(3);

    public record Stop(Instant from, Instant to, double lat, double lon) {
        public Duration duration() {
            return Duration.between(from, to);
        }
    }

    static Trail of(long vehicleId, List<TrailPoint> points) {
        List<Stop> stops = new ArrayList<>();
        double km = 0;
        int stillSince = -1;
        for (int i = 0; i < points.size(); i++) {
            TrailPoint p = points.get(i);
            if (i > 0) {
                km += distanceKm(points.get(i - 1), p);
            }
            boolean still = p.speedKmh() == null ? i > 0 && distanceKm(points.get(i - 1), p) < 0.02 : p.speedKmh() < STOP_SPEED_KMH;
            if (still && stillSince < 0) {
                stillSince = i;
            }
            if ((!still || i == points.size() - 1) && stillSince >= 0) {
                TrailPoint first = points.get(stillSince);
                TrailPoint last = still ? p : points.get(i - 1);
                if (Duration.between(first.time(), last.time()).compareTo(MIN_STOP) >= 0) {
                    stops.add(new Stop(first.time(), last.time(), first.lat(), first.lon()));
                }
                stillSince = -1;
            }
        }
        return new Trail(vehicleId, List.copyOf(points), List.copyOf(stops), Math.round(km * 10) / 10.0);
    }

    /** Great-circle distance (haversine, mean Earth radius 6371 km). */
    static double distanceKm(TrailPoint a, TrailPoint b) {
        return distanceKm(a.lat(), a.lon(), b.lat(), b.lon());
    }

    /** The same for bare coordinates (the journey detector's step per position, without two points made for it). */
    static double distanceKm(double latA, double lonA, double latB, double lonB) {
        double dLat = Math.toRadians(latB - latA);
        double dLon = Math.toRadians(lonB - lonA);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latA)) * Math.cos(Math.toRadians(latB)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371 * asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * {@link Math#asin}, which the JIT does not make an intrinsic (it is the Java port of fdlibm, a
     * fifth of the journey detector's time), with its Taylor series for the small arguments of
     * consecutive fixes: below 0.01 (about 127 km apart) three terms are exact to 1e-13 relative.
     */
    static double asin(double x) {
        if (x >= 0.01) {
            return Math.asin(x);
        }
        double x2 = x * x;
        return x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40)));
    }
}
