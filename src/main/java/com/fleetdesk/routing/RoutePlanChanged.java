package com.fleetdesk.routing;

import com.fleetdesk.base.live.LiveEvent;

/** A route plan was created, edited, solved, dispatched or cancelled. */
public record RoutePlanChanged(long planId, long depotId, RoutePlanStatus status) implements LiveEvent {
}
