package com.fleetdesk.telematics;

import java.time.Instant;

/** The newest fix of one vehicle, as the live map shows it. */
public record VehicleMove(long vehicleId, double lat, double lon, Double speedKmh, Double heading, Boolean ignition,
                          Double fuelPct, Instant fixTime) {
}
