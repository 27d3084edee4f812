package com.fleetdesk.telematics;

/**
 * What an alert rule watches. A condition lasts (speeding, overheating, low fuel) and raises one
 * alert until resolved; an event (harsh braking, crossing a geofence) raises one per occurrence.
 */
public enum AlertKind {
    OVERSPEED("Overspeed", "km/h", 90.0, true),
    HARSH_BRAKING("Harsh braking", null, null, false),
    HARSH_ACCELERATION("Harsh acceleration", null, null, false),
    ENGINE_OVERHEAT("Engine over temperature", "°C", 110.0, true),
    LOW_FUEL("Low fuel", "%", 15.0, true),
    LOW_BATTERY("Low battery", "V", 11.8, true),
    GEOFENCE_ENTER("Geofence entered", null, null, false),
    GEOFENCE_EXIT("Geofence left", null, null, false),
    DEVICE_OFFLINE("Device offline", "minutes", 30.0, true),
    MAINTENANCE_DUE("Maintenance due", "km before due", 500.0, true);

    private final String label;
    private final String unit;
    private final Double defaultThreshold;
    private final boolean condition;

    AlertKind(String label, String unit, Double defaultThreshold, boolean condition) {
        this.label = label;
        this.unit = unit;
        this.defaultThreshold = defaultThreshold;
        this.condition = condition;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Double defaultThreshold() {
        return defaultThreshold;
    }

    public boolean isCondition() {
        return condition;
    }

    public boolean needsThreshold() {
        return unit != null;
    }

    public boolean needsGeofence() {
        return this == GEOFENCE_ENTER || this == GEOFENCE_EXIT;
    }
}
