package com.fleetdesk.telematics;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Instant;

/**
 * The newest fix of one vehicle, as the live map shows it. Written as a JSON array (values in
 * field order) so a NOTIFY to other nodes carries several dozen of them within PostgreSQL's
 * 8000-byte limit.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record VehicleMove(long vehicleId, double lat, double lon, Double speedKmh, Double heading, Boolean ignition,
                          Double fuelPct, Instant fixTime) {
}
