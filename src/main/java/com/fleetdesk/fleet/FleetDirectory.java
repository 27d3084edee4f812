package com.fleetdesk.fleet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fleet facts for background processes that act for the system rather than a signed-in user
 * (telematics ingest, simulators). It exposes identifiers and types only, never personal data;
 * screens use {@link VehicleService} and {@link DriverService}, which check the user's rights.
 */
@Service
@com.fleetdesk.base.security.SystemOperation("other modules' services and the tracker ingest, which check the caller's rights themselves")
public class FleetDirectory {

    /** What ingest needs to know about the vehicle a tracker is fitted to. */
    public record TrackedVehicle(long vehicleId, String registration, long depotId, VehicleType type, FuelType fuelType) {
    }

    private final JdbcClient jdbc;
    private final VehicleRepository vehicles;

    FleetDirectory(JdbcClient jdbc, VehicleRepository vehicles) {
        this.jdbc = jdbc;
        this.vehicles = vehicles;
    }

    @Transactional(readOnly = true)
    public Optional<TrackedVehicle> byTrackerDevice(String deviceId) {
        return jdbc.sql("select id, registration, depot_id, vehicle_type, fuel_type from vehicle where tracker_device_id = ?")
                .param(deviceId)
                .query((rs, i) -> new TrackedVehicle(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        VehicleType.valueOf(rs.getString(4)), FuelType.valueOf(rs.getString(5))))
                .optional();
    }

    /** The regular driver of a vehicle and the account they sign in with, if any. */
    public record AssignedDriver(long driverId, String name, long depotId, String username) {
    }

    @Transactional(readOnly = true)
    public Optional<AssignedDriver> currentDriver(long vehicleId) {
        return jdbc.sql("""
                        select d.id, d.first_name || ' ' || d.last_name, d.depot_id, a.username from vehicle v
                          join driver d on d.id = v.current_driver_id left join user_account a on a.id = d.user_account_id
                         where v.id = ?
                        """).param(vehicleId)
                .query((rs, i) -> new AssignedDriver(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).optional();
    }

    @Transactional(readOnly = true)
    public Optional<TrackedVehicle> vehicle(long vehicleId) {
        return jdbc.sql("select id, registration, depot_id, vehicle_type, fuel_type from vehicle where id = ?")
                .param(vehicleId)
                .query((rs, i) -> new TrackedVehicle(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        VehicleType.valueOf(rs.getString(4)), FuelType.valueOf(rs.getString(5))))
                .optional();
    }

    @Transactional(readOnly = true)
    public double odometerKm(long vehicleId) {
        return jdbc.sql("select odometer_km from vehicle where id = ?").param(vehicleId).query(Double.class).single();
    }

    /** Every vehicle with a tracker, for simulators and caches. */
    @Transactional(readOnly = true)
    public Map<String, TrackedVehicle> trackedVehicles() {
        Map<String, TrackedVehicle> result = new java.util.LinkedHashMap<>();
        jdbc.sql("select tracker_device_id, id, registration, depot_id, vehicle_type, fuel_type from vehicle "
                        + "where tracker_device_id is not null and status <> 'RETIRED' order by id")
                .query(rs -> {
                    result.put(rs.getString(1), new TrackedVehicle(rs.getLong(2), rs.getString(3), rs.getLong(4),
                            VehicleType.valueOf(rs.getString(5)), FuelType.valueOf(rs.getString(6))));
                });
        return result;
    }

    /** Moves odometers forward to the telemetry readings; a reading below the current value is ignored. */
    @Transactional
    public int advanceOdometers(Map<Long, Double> kmByVehicle) {
        int changed = 0;
        for (var e : kmByVehicle.entrySet()) {
            changed += jdbc.sql("update vehicle set odometer_km = round(?::numeric, 1), updated_at = now(), updated_by = 'telematics' "
                            + "where id = ? and odometer_km < round(?::numeric, 1)")
                    .params(e.getValue(), e.getKey(), e.getValue()).update();
        }
        return changed;
    }

    /** Moves engine-hour meters forward to the telemetry readings; a lower reading is ignored. */
    @Transactional
    public int advanceEngineHours(Map<Long, Double> hoursByVehicle) {
        int changed = 0;
        for (var e : hoursByVehicle.entrySet()) {
            changed += jdbc.sql("update vehicle set engine_hours = round(?::numeric, 1), updated_at = now(), updated_by = 'telematics' "
                            + "where id = ? and engine_hours < round(?::numeric, 1)")
                    .params(e.getValue(), e.getKey(), e.getValue()).update();
        }
        return changed;
    }

    /** Usernames of the enabled fleet managers of a depot: who hears about its alerts. */
    @Transactional(readOnly = true)
    public List<String> depotManagers(long depotId) {
        return jdbc.sql("""
                        select a.username from user_account a
                          join user_account_role r on r.user_account_id = a.id and r.role = 'FLEET_MANAGER'
                          join user_account_depot d on d.user_account_id = a.id and d.depot_id = ?
                         where a.enabled order by a.username
                        """).param(depotId).query(String.class).list();
    }

    /** Vehicles whose service is due within {@code kmAhead} km or {@code daysAhead} days, with what is due. */
    @Transactional(readOnly = true)
    public List<ServiceDue> serviceDue(double kmAhead, int daysAhead) {
        return jdbc.sql("""
                        select id, registration, depot_id, odometer_km, next_service_km, next_service_date from vehicle
                         where status not in ('RETIRED') and ((next_service_km is not null and odometer_km >= next_service_km - ?)
                            or (next_service_date is not null and next_service_date <= current_date + ?))
                        """).params(kmAhead, daysAhead)
                .query((rs, i) -> new ServiceDue(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                        rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).doubleValue(), rs.getObject(6, java.time.LocalDate.class)))
                .list();
    }

    public record ServiceDue(long vehicleId, String registration, long depotId, double odometerKm, Double nextServiceKm,
                             java.time.LocalDate nextServiceDate) {
    }

    /** Depots with their coordinates, for the simulator's routes. */
    @Transactional(readOnly = true)
    public List<double[]> depotLocations() {
        return jdbc.sql("select id, latitude, longitude from depot order by id")
                .query((rs, i) -> new double[]{rs.getLong(1), rs.getDouble(2), rs.getDouble(3)}).list();
    }

    /**
     * Records when a vehicle's next service is due (maintenance keeps it current from its
     * schedules). Goes through the entity so a status change made in the same transaction is
     * not overwritten when it is flushed.
     */
    @Transactional
    public void updateNextService(long vehicleId, java.math.BigDecimal nextServiceKm, java.time.LocalDate nextServiceDate) {
        Vehicle vehicle = vehicles.findById(vehicleId).orElseThrow(() -> new IllegalArgumentException("No vehicle " + vehicleId));
        if (!java.util.Objects.equals(vehicle.getNextServiceDate(), nextServiceDate)
                || (vehicle.getNextServiceKm() == null) != (nextServiceKm == null)
                || (nextServiceKm != null && vehicle.getNextServiceKm().compareTo(nextServiceKm) != 0)) {
            vehicle.setNextServiceKm(nextServiceKm);
            vehicle.setNextServiceDate(nextServiceDate);
        }
    }

    /** A member of staff who can be given work: username and full name. */
    public record StaffMember(String username, String fullName) {
    }

    /** Enabled technicians who work at a depot, by name: who a work order there can be assigned to. */
    @Transactional(readOnly = true)
    public List<StaffMember> technicians(long depotId) {
        return jdbc.sql("""
                        select a.username, a.full_name from user_account a
                          join user_account_role r on r.user_account_id = a.id and r.role = 'TECHNICIAN'
                          join user_account_depot d on d.user_account_id = a.id and d.depot_id = ?
                         where a.enabled order by a.full_name, a.username
                        """).param(depotId).query((rs, i) -> new StaffMember(rs.getString(1), rs.getString(2))).list();
    }

    /** What maintenance needs to work out when a vehicle's services fall due. */
    public record ServiceFacts(long vehicleId, String registration, String make, String model, long depotId, VehicleType type,
                               VehicleStatus status, java.math.BigDecimal odometerKm, java.time.LocalDate purchaseDate,
                               java.time.LocalDate registeredOn) {
    }

    /** Service facts of every vehicle in use (not retired), or of one vehicle, or of one type; by registration. */
    @Transactional(readOnly = true)
    public List<ServiceFacts> serviceFacts(Long vehicleId, VehicleType type) {
        return jdbc.sql("""
                        select id, registration, make, model, depot_id, vehicle_type, status, odometer_km, purchase_date,
                               cast(created_at as date) from vehicle
                         where status <> 'RETIRED' and (cast(? as bigint) is null or id = ?) and (cast(? as varchar) is null or vehicle_type = ?)
                         order by registration
                        """).params(vehicleId, vehicleId, type == null ? null : type.name(), type == null ? null : type.name())
                .query((rs, i) -> new ServiceFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        VehicleType.valueOf(rs.getString(6)), VehicleStatus.valueOf(rs.getString(7)), rs.getBigDecimal(8),
                        rs.getObject(9, java.time.LocalDate.class), rs.getObject(10, java.time.LocalDate.class)))
                .list();
    }

    /** Who a user is, for the support console's customer context: roles, depots, driver record and vehicle. */
    public record AccountProfile(String username, String fullName, List<String> roles, List<Long> depotIds, List<String> depotNames,
                                 Long driverId, String vehicleRegistration) {
    }

    @Transactional(readOnly = true)
    public Optional<AccountProfile> accountProfile(String username) {
        return jdbc.sql("""
                        select a.username, a.full_name,
                               (select string_agg(r.role, ',' order by r.role) from user_account_role r where r.user_account_id = a.id),
                               (select string_agg(dp.id || '|' || dp.name, ',' order by dp.name) from user_account_depot ad
                                  join depot dp on dp.id = ad.depot_id where ad.user_account_id = a.id),
                               d.id, (select v.registration from vehicle v where v.current_driver_id = d.id order by v.id limit 1)
                          from user_account a left join driver d on d.user_account_id = a.id
                         where lower(a.username) = lower(?)
                        """).param(username)
                .query((rs, i) -> {
                    List<Long> ids = new java.util.ArrayList<>();
                    List<String> names = new java.util.ArrayList<>();
                    String depots = rs.getString(4);
                    if (depots != null) {
                        for (String d : depots.split(",")) {
                            int bar = d.indexOf('|');
                            ids.add(Long.parseLong(d.substring(0, bar)));
                            names.add(d.substring(bar + 1));
                        }
                    }
                    String roles = rs.getString(3);
                    return new AccountProfile(rs.getString(1), rs.getString(2), roles == null ? List.of() : List.of(roles.split(",")),
                            ids, names, rs.getObject(5, Long.class), rs.getString(6));
                }).optional();
    }
}
