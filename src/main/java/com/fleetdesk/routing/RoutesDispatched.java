package com.fleetdesk.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A route plan went out: one entry per vehicle with stops. The trips module turns each into a
 * draft trip for the vehicle's driver, in the same transaction as the dispatch.
 */
public record RoutesDispatched(long planId, long depotId, String planName, LocalDate planDate, String depotName,
                               List<DispatchedRoute> routes) {

    public record DispatchedRoute(long vehicleId, String registration, int routeNumber, int stopCount, double distanceKm,
                                  Instant start, Instant end, String firstStop, String lastStop) {
    }
}
