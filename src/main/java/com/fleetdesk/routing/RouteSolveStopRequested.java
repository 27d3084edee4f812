package com.fleetdesk.routing;

import com.fleetdesk.base.live.LiveEvent;

/** Someone asked to stop solving a plan: reaches every node, and the one whose solver runs it stops it. */
public record RouteSolveStopRequested(long planId) implements LiveEvent {
}
