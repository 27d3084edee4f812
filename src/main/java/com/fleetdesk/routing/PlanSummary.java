package com.fleetdesk.routing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of the plan list. */
public record PlanSummary(long id, String name, long depotId, String depotName, LocalDate date, RoutePlanStatus status,
                          int stops, int vehicles, BigDecimal distanceKm) {
}
