package com.fleetdesk.telematics;

import java.time.Instant;
import java.util.Map;

/**
 * One position with whatever telemetry the tracker sent, in Fleetdesk's units: km/h, degrees,
 * metres, km, percent, °C, volts. Absent values are null.
 */
public record PositionReport(String deviceId, Instant fixTime, double latitude, double longitude, Double speedKmh,
                             Double heading, Double altitudeM, Double accuracyM, Double odometerKm, Double fuelPct,
                             Double engineTempC, Integer rpm, Double batteryV, Double batteryPct, Boolean ignition,
                             Boolean harshBrake, Boolean harshAccel, String driverRef, Map<String, String> attributes) {

    public PositionReport {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
