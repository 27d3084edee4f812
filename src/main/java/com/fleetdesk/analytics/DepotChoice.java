package com.fleetdesk.analytics;

import com.fleetdesk.fleet.Depot;

/** A depot as the dashboards' filter offers it. */
public record DepotChoice(long id, String name) {

    public static DepotChoice of(Depot depot) {
        return new DepotChoice(depot.getId(), depot.getName());
    }
}
