package com.fleetdesk.fleet;

import java.util.Set;

/** What the vehicle list is narrowed to; blank/empty parts do not filter. */
public record VehicleFilter(String text, Long depotId, Set<VehicleStatus> statuses, VehicleType type) {

    public static VehicleFilter none() {
        return new VehicleFilter(null, null, Set.of(), null);
    }
}
