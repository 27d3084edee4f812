package com.fleetdesk.fleet;

import java.util.Set;

/**
 * The depots whose records a user may see: all of them for an administrator, otherwise the
 * depots their account is assigned to. Drivers are further limited to their own records.
 */
public record DepotScope(boolean allDepots, Set<Long> depotIds, String driverUsername) {

    public static DepotScope everything() {
        return new DepotScope(true, Set.of(), null);
    }

    public boolean includes(Long depotId) {
        return allDepots || depotIds.contains(depotId);
    }

    public boolean driverOnly() {
        return driverUsername != null;
    }
}
