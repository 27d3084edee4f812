package com.fleetdesk.telematics;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the caller's vehicles are now and where they went; only vehicles the caller may see. */
@Service
public class FleetPositionService {

    static final int MAX_VEHICLES = 5000;
    static final Duration MAX_TRAIL = Duration.ofDays(7);

    private final VehicleService vehicles;
    private final JdbcClient jdbc;
    private final ObjectProvider<MqttIngest> mqtt;

    FleetPositionService(VehicleService vehicles, JdbcClient jdbc, ObjectProvider<MqttIngest> mqtt) {
        this.vehicles = vehicles;
        this.jdbc = jdbc;
        this.mqtt = mqtt;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.TECHNICIAN,
            Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public List<VehicleOnMap> fleetNow(VehicleFilter filter) {
        List<Vehicle> visible = vehicles.list(filter, PageRequest.of(0, MAX_VEHICLES, Sort.by("registration")));
        if (visible.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, Object>> last = new HashMap<>();
        jdbc.sql("select vehicle_id, latitude, longitude, speed_kmh, heading, fuel_pct, ignition, fix_time from vehicle_last_position where vehicle_id in (:ids)")
                .param("ids", visible.stream().map(Vehicle::getId).toList())
                .query().listOfRows().forEach(row -> last.put(((Number) row.get("vehicle_id")).longValue(), row));
        return visible.stream().map(v -> {
            Map<String, Object> p = last.get(v.getId());
            return new VehicleOnMap(v.getId(), v.getRegistration(), v.getMake() + " " + v.getModel(), v.getDepot().getId(),
                    v.getDepot().getName(), v.getStatus().label(), v.getCurrentDriver() == null ? null : v.getCurrentDriver().fullName(),
                    p == null ? null : num(p.get("latitude")), p == null ? null : num(p.get("longitude")),
                    p == null ? null : num(p.get("speed_kmh")), p == null ? null : num(p.get("heading")),
                    p == null ? null : num(p.get("fuel_pct")), p == null ? null : (Boolean) p.get("ignition"),
                    p == null ? null : ((Timestamp) p.get("fix_time")).toInstant());
        }).toList();
    }

    /** The track of one vehicle between two instants (at most 7 days), with its stops. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.TECHNICIAN,
            Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public Trail trail(long vehicleId, Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidInputException("to", "Choose a time range whose end is after its start");
        }
        if (Duration.between(from, to).compareTo(MAX_TRAIL) > 0) {
            throw new InvalidInputException("to", "Replay at most 7 days at a time");
        }
        vehicles.find(vehicleId).orElseThrow(() -> new InvalidInputException("vehicle", "Choose a vehicle you have access to"));
        List<TrailPoint> points = jdbc.sql("""
                        select fix_time, latitude, longitude, speed_kmh, heading from vehicle_position
                         where vehicle_id = ? and fix_time >= ? and fix_time < ? order by fix_time limit 50000
                        """)
                .params(vehicleId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> new TrailPoint(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3),
                        nullable(rs, 4), nullable(rs, 5)))
                .list();
        return Trail.of(vehicleId, points);
    }

    /** Devices that reported but are fitted to no vehicle, newest first. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<UnknownDevice> unknownDevices() {
        return jdbc.sql("select device_id, protocol, first_seen_at, last_seen_at, reports from unknown_device order by last_seen_at desc limit 500")
                .query((rs, i) -> new UnknownDevice(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getLong(5)))
                .list();
    }

    /** This node's connection to the MQTT broker; empty when MQTT ingest is not configured. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    public java.util.Optional<MqttStatus> mqttStatus() {
        return java.util.Optional.ofNullable(mqtt.getIfAvailable()).map(MqttIngest::status);
    }

    /**
     * @param ready     connected and subscribed: positions flow
     * @param downSince when the connection was lost (null while connected, or before the first connection)
     * @param pending   messages received and not yet stored
     */
    public record MqttStatus(String broker, String clientId, boolean ready, Instant downSince, int pending) {
    }

    public record UnknownDevice(String deviceId, String protocol, Instant firstSeen, Instant lastSeen, long reports) {
    }

    private static Double nullable(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Double num(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }
}
