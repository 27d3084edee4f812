package com.fleetdesk.routing;

import java.time.LocalTime;

/** What a user types (or a CSV row gives) for a stop; checked by {@link RoutePlanService}. */
public record StopInput(String label, String address, double latitude, double longitude, int demandKg,
                        LocalTime windowStart, LocalTime windowEnd, int serviceMinutes, StopPriority priority, String notes) {
}
