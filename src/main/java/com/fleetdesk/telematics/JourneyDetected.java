package com.fleetdesk.telematics;

import java.time.Instant;

/**
 * A journey recognised from telemetry: the vehicle moved (or had its ignition on) and then
 * stood still long enough. Distances come from the GPS track; odometer readings when sent.
 */
public record JourneyDetected(long vehicleId, long depotId, String registration, Instant startedAt, Instant endedAt,
                              double startLat, double startLon, double endLat, double endLon, double distanceKm,
                              Double startOdometerKm, Double endOdometerKm) {
}
