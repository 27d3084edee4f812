package com.fleetdesk.routing;

import java.util.List;

/** Distances (metres) and driving times (seconds) between every pair of points, row = from. */
interface RoadNetwork {

    record Matrix(long[][] metres, long[][] seconds) {
    }

    String describe();

    Matrix table(List<GeoPoint> points);
}
