package com.fleetdesk.trips;

import java.time.LocalDate;
import java.util.Set;

/** What the trip grid is narrowed to; null or empty parts do not filter. Dates are inclusive. */
public record TripFilter(LocalDate from, LocalDate to, Set<TripStatus> statuses, Long vehicleId, Long driverId,
                         Long depotId, String text) {

    public static TripFilter none() {
        return new TripFilter(null, null, Set.of(), null, null, null, null);
    }

    public TripFilter withStatuses(Set<TripStatus> newStatuses) {
        return new TripFilter(from, to, newStatuses, vehicleId, driverId, depotId, text);
    }
}
