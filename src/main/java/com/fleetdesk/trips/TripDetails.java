package com.fleetdesk.trips;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A trip with its expenses, approval history and what the caller may do with it. */
public record TripDetails(TripLog trip, List<TripExpense> expenses, List<TripApproval> history,
                          Map<String, BigDecimal> totalsByCurrency, boolean editable, boolean decidable) {
}
