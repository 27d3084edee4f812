package com.fleetdesk.telematics;

import java.time.Instant;

/** A vehicle's marker on the live map: who, where, how fast, and how fresh the fix is. */
public record VehicleOnMap(long vehicleId, String registration, String makeModel, long depotId, String depotName,
                           String vehicleStatus, String driverName, Double lat, Double lon, Double speedKmh, Double heading,
                           Double fuelPct, Boolean ignition, Instant fixTime) {

    /** This vehicle at a newer fix (what the fix does not say, such as fuel without telemetry, stays). */
    public VehicleOnMap movedTo(VehicleMove m) {
        return new VehicleOnMap(vehicleId, registration, makeModel, depotId, depotName, vehicleStatus, driverName, m.lat(), m.lon(),
                m.speedKmh(), m.heading(), m.fuelPct() != null ? m.fuelPct() : fuelPct, m.ignition() != null ? m.ignition() : ignition,
                m.fixTime());
    }

    /** Whether {@code m} is newer than the fix this vehicle is shown at. */
    public boolean isOlderThan(VehicleMove m) {
        return fixTime == null || !m.fixTime().isBefore(fixTime);
    }

    public boolean hasPosition() {
        return lat != null && lon != null;
    }

    /** Moving, stopped, offline (no fix for 15 minutes) or no position yet: said in words, not only by colour. */
    public String motion(Instant now) {
        if (!hasPosition()) {
            return "No position yet";
        }
        if (fixTime.isBefore(now.minusSeconds(15 * 60))) {
            return "Offline";
        }
        if (speedKmh != null && speedKmh >= 3) {
            return "Moving";
        }
        return Boolean.TRUE.equals(ignition) ? "Idling" : "Stopped";
    }
}
