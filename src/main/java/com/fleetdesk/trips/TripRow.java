package com.fleetdesk.trips;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the trip grid or export, read straight from SQL without loading entities. */
public record TripRow(long id, Instant startedAt, Instant endedAt, String vehicleRegistration, String driverName,
                      long depotId, String depotName, String purpose, TripCategory category, String startPlace,
                      String endPlace, BigDecimal distanceKm, BigDecimal co2Kg, BigDecimal totalCost, String currency,
                      TripStatus status, String policyViolations, String ownerUsername) {
}
