package com.fleetdesk.analytics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A depot of its own with one vehicle, two drivers, trips, expenses, alerts, a position and a
 * stock location with known values, written straight into the tables (as the other modules
 * would have stored them), so the dashboards' numbers can be checked exactly. Loaded once.
 */
@Component
public class AnalyticsFixture {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    public static final String DEPOT = "Analytics Test Depot";
    /** Three months back: inside the report window, in no other test's way. */
    public static final YearMonth MONTH = YearMonth.now(ZONE).minusMonths(3);

    public long depotId;
    public long vehicleId;
    public long driverA;
    public long driverB;
    public long locationId;
    public long partId;
    public long categoryId;

    private final JdbcClient jdbc;

    AnalyticsFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AnalyticsFilter filter() {
        return new AnalyticsFilter(MONTH.atDay(1), MONTH.atDay(10), depotId);
    }

    public static OffsetDateTime at(int day, int hour) {
        return MONTH.atDay(day).atTime(hour, 0).atZone(ZONE).toOffsetDateTime();
    }

    public synchronized AnalyticsFixture load() {
        var existing = jdbc.sql("select id from depot where name = :name").param("name", DEPOT).query(Long.class).optional();
        if (existing.isPresent()) {
            depotId = existing.get();
            vehicleId = id("select id from vehicle where registration = 'AN71 TST'");
            driverA = id("select id from driver where licence_number = 'ANALYTICS-A'");
            driverB = id("select id from driver where licence_number = 'ANALYTICS-B'");
            locationId = id("select id from stock_location where name = 'Analytics Test Bay'");
            partId = id("select id from part where part_number = 'AN-TEST-1'");
            categoryId = id("select id from part_category where name = 'Analytics Test Parts'");
            return this;
        }
        depotId = id("""
                insert into depot (name, address, latitude, longitude, time_zone, created_at, updated_at)
                values ('Analytics Test Depot', '1 Test Street, Manchester', 53.48, -2.24, 'Europe/London', now(), now()) returning id""");
        vehicleId = id("""
                insert into vehicle (registration, vin, make, model, model_year, vehicle_type, fuel_type, status, depot_id, created_at, updated_at)
                values ('AN71 TST', 'ANLYT1CS000000001', 'Ford', 'Transit', 2021, 'VAN', 'DIESEL', 'ACTIVE', %d, now(), now()) returning id"""
                .formatted(depotId));
        driverA = driver("Ada", "Analytic", "ANALYTICS-A");
        driverB = driver("Bob", "Baseline", "ANALYTICS-B");
        // Driver A: 100 km on day 1 (approved after 4 h, fuel receipt 15) and 50 km on day 3 (approved after 24 h,
        // over the maximum trip cost). Driver B: 10 km on day 3, rejected, cost 1000 (left out of spend and cost).
        long t1 = trip(driverA, "Ada Analytic", 1, 8, 100, 20, 30, "APPROVED", null, at(1, 10), at(1, 14), "BUSINESS");
        long t2 = trip(driverA, "Ada Analytic", 3, 8, 50, 10, 20, "APPROVED",
                "Trip cost GBP 20.00 is over the maximum of GBP 10.00", at(3, 9), at(4, 9), "COMMUTE");
        trip(driverB, "Bob Baseline", 3, 13, 10, 2, 1000, "REJECTED", null, at(3, 14), at(3, 15), "BUSINESS");
        jdbc.sql("""
                insert into trip_expense (trip_id, expense_type, amount, currency, spent_on, created_at, updated_at)
                values (:trip, 'FUEL', 15, 'GBP', :day, now(), now()), (:trip2, 'PARKING', 20, 'GBP', :day, now(), now())""")
                .param("trip", t1).param("trip2", t2).param("day", MONTH.atDay(1)).update();
        // Two harsh brakings and an overspeed during driver A's trips, a low-fuel alert outside any trip.
        alert("HARSH_BRAKING", "MEDIUM", at(1, 9));
        alert("HARSH_BRAKING", "HIGH", at(1, 10));
        alert("OVERSPEED", "HIGH", at(3, 9));
        alert("LOW_FUEL", "LOW", at(6, 20));
        // The vehicle moved on day 5 without a logged trip.
        jdbc.sql("""
                insert into vehicle_position (device_id, fix_time, vehicle_id, received_at, latitude, longitude, speed_kmh)
                values ('analytics-test', :at, :vehicle, :at, 53.48, -2.24, 42)""")
                .param("at", at(5, 12)).param("vehicle", vehicleId).update();

        categoryId = id("insert into part_category (name, created_at, updated_at) values ('Analytics Test Parts', now(), now()) returning id");
        partId = id("""
                insert into part (part_number, name, category_id, unit, unit_cost, created_at, updated_at)
                values ('AN-TEST-1', 'Test filter', %d, 'PIECE', 12.50, now(), now()) returning id""".formatted(categoryId));
        long empty = id("""
                insert into part (part_number, name, category_id, unit, unit_cost, created_at, updated_at)
                values ('AN-TEST-2', 'Test gasket', %d, 'PIECE', 4.00, now(), now()) returning id""".formatted(categoryId));
        locationId = id("""
                insert into stock_location (kind, name, region, depot_id, created_at, updated_at)
                values ('SERVICE_CENTRE', 'Analytics Test Bay', 'Test', %d, now(), now()) returning id""".formatted(depotId));
        // 8 filters on hand (value 100.00) after 10 received and 2 issued on day 2; no gaskets left (a stock-out).
        jdbc.sql("""
                insert into stock_level (part_id, location_id, on_hand, reserved, reorder_point, critical_point, created_at, updated_at)
                values (:part, :location, 8, 0, 5, 2, now(), now()), (:empty, :location, 0, 0, 3, 1, now(), now())""")
                .param("part", partId).param("empty", empty).param("location", locationId).update();
        jdbc.sql("""
                insert into stock_movement (part_id, location_id, movement_type, quantity, username, moved_at)
                values (:part, :location, 'RECEIPT', 10, 'warehouse', :received), (:part, :location, 'ISSUE', -2, 'warehouse', :issued)""")
                .param("part", partId).param("location", locationId).param("received", at(1, 9).minusDays(20))
                .param("issued", at(2, 9)).update();
        return this;
    }

    public long trip(long driver, String driverName, int day, int hour, double km, double co2, double cost, String status,
                     String violations, OffsetDateTime submitted, OffsetDateTime decided, String category) {
        OffsetDateTime start = at(day, hour);
        return jdbc.sql("""
                insert into trip_log (vehicle_id, vehicle_registration, driver_id, driver_name, depot_id, owner_username, purpose, category,
                    started_at, ended_at, start_place, end_place, start_odometer_km, end_odometer_km, distance_km, co2_kg, status, currency,
                    total_cost, policy_violations, submitted_at, decided_at, created_at, updated_at)
                values (:vehicle, 'AN71 TST', :driver, :name, :depot, 'admin', 'Analytics test trip', :category, :start, :end, 'A', 'B',
                    1000, 1000 + :km, :km, :co2, :status, 'GBP', :cost, :violations, :submitted, :decided, now(), now()) returning id""")
                .param("vehicle", vehicleId).param("driver", driver).param("name", driverName).param("depot", depotId)
                .param("category", category).param("start", start).param("end", start.plusHours(2)).param("km", km)
                .param("co2", co2).param("status", status).param("cost", cost).param("violations", violations)
                .param("submitted", submitted).param("decided", decided)
                .query(Long.class).single();
    }

    private long driver(String first, String last, String licence) {
        return jdbc.sql("""
                insert into driver (first_name, last_name, licence_number, licence_expiry, depot_id, status, created_at, updated_at)
                values (:first, :last, :licence, :expiry, :depot, 'ACTIVE', now(), now()) returning id""")
                .param("first", first).param("last", last).param("licence", licence).param("expiry", LocalDate.of(2030, 1, 1))
                .param("depot", depotId).query(Long.class).single();
    }

    private void alert(String kind, String severity, OffsetDateTime raised) {
        jdbc.sql("""
                insert into vehicle_alert (vehicle_id, vehicle_registration, depot_id, kind, severity, message, status, raised_at)
                values (:vehicle, 'AN71 TST', :depot, :kind, :severity, 'Analytics test alert', 'RESOLVED', :raised)""")
                .param("vehicle", vehicleId).param("depot", depotId).param("kind", kind).param("severity", severity)
                .param("raised", raised).update();
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
