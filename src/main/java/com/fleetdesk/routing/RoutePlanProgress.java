package com.fleetdesk.routing;

import com.fleetdesk.base.live.LiveEvent;

/** The solver found a better solution for a plan: its score and total distance so far. */
public record RoutePlanProgress(long planId, long depotId, String score, double distanceKm, boolean feasible, int unassigned)
        implements LiveEvent {
}
