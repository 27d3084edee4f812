package com.fleetdesk.trips;

/** A grid column the trip list can be ordered by, and the direction. */
public record TripSort(Column column, boolean descending) {

    public enum Column {
        STARTED_AT("t.started_at"), TOTAL_COST("t.total_cost"), DISTANCE("t.distance_km"), VEHICLE("t.vehicle_registration"),
        DRIVER("t.driver_name"), STATUS("t.status"), PURPOSE("t.purpose"), CO2("t.co2_kg");

        final String sql;

        Column(String sql) {
            this.sql = sql;
        }
    }

    public static TripSort newestFirst() {
        return new TripSort(Column.STARTED_AT, true);
    }
}
