/**
 * Route optimization: route plans of a depot for a day (vehicles, stops with demand and time
 * windows), solved as a capacitated VRP with time windows by Timefold Solver in the
 * background, adjusted by hand, and dispatched as planned trips.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Route optimization")
package com.fleetdesk.routing;
