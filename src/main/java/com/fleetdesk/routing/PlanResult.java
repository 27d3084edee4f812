package com.fleetdesk.routing;

import java.time.LocalTime;
import java.util.List;

/**
 * A plan's routes as they stand, with the figures a dispatcher checks before sending them out.
 *
 * @param breaks hard-constraint breaks in words (late arrivals, overloads, overtime); empty when feasible
 */
public record PlanResult(List<Route> routes, List<Unassigned> unassigned, List<String> breaks, String score,
                         double distanceKm, String distanceSource) {

    public record Route(int number, long planVehicleId, long vehicleId, String registration, int capacityKg, List<RoutedStop> stops,
                        int loadKg, double distanceKm, int durationMinutes, LocalTime start, LocalTime back,
                        double energy, String energyUnit, double co2Kg, double cost) {
    }

    public record RoutedStop(long stopId, int position, String label, double lat, double lon, LocalTime arrival,
                             LocalTime serviceStart, LocalTime windowStart, LocalTime windowEnd, int demandKg, int loadAfterKg, boolean late) {
    }

    public record Unassigned(long stopId, String label, double lat, double lon, String reason) {
    }

    public boolean feasible() {
        return breaks.isEmpty();
    }

    public int routedStops() {
        return routes.stream().mapToInt(r -> r.stops().size()).sum();
    }
}
