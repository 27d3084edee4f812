package com.fleetdesk.maintenance;

import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.FleetDirectory.ServiceFacts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Works out, for vehicles and the schedules that apply to them, when each service falls due,
 * and keeps the vehicle's own "next service" km and date (read by the telematics maintenance
 * alert) at the earliest of them. Callers check the user's rights; this acts for the system.
 */
@Component
class ServicePlanner {

    private final ServiceScheduleRepository schedules;
    private final NamedParameterJdbcTemplate jdbc;
    private final FleetDirectory fleet;
    private final ZoneId zone;

    ServicePlanner(ServiceScheduleRepository schedules, NamedParameterJdbcTemplate jdbc, FleetDirectory fleet,
                   @Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.schedules = schedules;
        this.jdbc = jdbc;
        this.fleet = fleet;
        this.zone = ZoneId.of(zone);
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }

    private record LastService(BigDecimal km, LocalDate on) {
    }

    private record OpenOrder(long id, String number) {
    }

    /** Due lines for these vehicles against every active schedule that applies to them, most urgent first. */
    @Transactional(readOnly = true)
    List<ServiceDue> dueLines(List<ServiceFacts> vehicles, Map<Long, String> depotNames) {
        if (vehicles.isEmpty()) {
            return List.of();
        }
        List<ServiceSchedule> active = schedules.findByActiveTrueOrderByNameAsc();
        Long only = vehicles.size() == 1 ? vehicles.getFirst().vehicleId() : null;
        Map<String, LastService> last = lastServices(only);
        Map<String, OpenOrder> open = openOrders(only);
        LocalDate today = today();
        List<ServiceDue> lines = new ArrayList<>();
        for (ServiceFacts v : vehicles) {
            for (ServiceSchedule s : applicable(active, v)) {
                String key = v.vehicleId() + ":" + s.getId();
                LastService done = last.get(key);
                BigDecimal lastKm = done != null ? done.km() : BigDecimal.ZERO;
                LocalDate lastOn = done != null ? done.on() : Objects.requireNonNullElse(v.purchaseDate(),
                        Objects.requireNonNullElse(v.registeredOn(), today));
                BigDecimal nextKm = DueRule.nextKm(s.getIntervalKm(), lastKm);
                LocalDate nextOn = DueRule.nextDate(s.getIntervalMonths(), lastOn);
                OpenOrder order = open.get(key);
                lines.add(new ServiceDue(v.vehicleId(), v.registration(), v.make() + " " + v.model(), v.depotId(),
                        depotNames.getOrDefault(v.depotId(), ""), v.type(), s.getId(), s.getName(), s.intervalText(), v.odometerKm(),
                        lastKm, lastOn, done != null, nextKm, nextOn, DueRule.status(nextKm, nextOn, v.odometerKm(), today),
                        order == null ? null : order.id(), order == null ? null : order.number()));
            }
        }
        lines.sort(Comparator.comparing((ServiceDue d) -> -d.status().ordinal())
                .thenComparing(d -> d.nextDueDate() == null ? LocalDate.MAX : d.nextDueDate())
                .thenComparing(ServiceDue::registration).thenComparing(ServiceDue::scheduleName));
        return lines;
    }

    /** A model's own schedule replaces the type-wide schedule of the same name. */
    static List<ServiceSchedule> applicable(List<ServiceSchedule> active, ServiceFacts v) {
        Map<String, ServiceSchedule> byName = new LinkedHashMap<>();
        for (ServiceSchedule s : active) {
            if (!s.appliesTo(v.type(), v.model())) {
                continue;
            }
            String name = s.getName().toLowerCase(Locale.ROOT);
            ServiceSchedule other = byName.get(name);
            if (other == null || (s.forModel() && !other.forModel())) {
                byName.put(name, s);
            }
        }
        return List.copyOf(byName.values());
    }

    /** Sets each vehicle's next service km and date to the earliest due among its schedules (left alone when none applies). */
    @Transactional
    void refreshNextService(List<ServiceFacts> vehicles) {
        Map<Long, List<ServiceDue>> byVehicle = new HashMap<>();
        for (ServiceDue d : dueLines(vehicles, Map.of())) {
            byVehicle.computeIfAbsent(d.vehicleId(), k -> new ArrayList<>()).add(d);
        }
        byVehicle.forEach((vehicleId, lines) -> {
            BigDecimal km = lines.stream().map(ServiceDue::nextDueKm).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            LocalDate on = lines.stream().map(ServiceDue::nextDueDate).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            fleet.updateNextService(vehicleId, km, on);
        });
    }

    @Transactional
    void refreshNextService(long vehicleId) {
        refreshNextService(fleet.serviceFacts(vehicleId, null));
    }

    private Map<String, LastService> lastServices(Long vehicleId) {
        Map<String, LastService> result = new HashMap<>();
        jdbc.query("""
                        select distinct on (vehicle_id, schedule_id) vehicle_id, schedule_id, odometer_km, completed_on from work_order
                         where status = 'DONE' and schedule_id is not null and (cast(:vehicle as bigint) is null or vehicle_id = :vehicle)
                         order by vehicle_id, schedule_id, completed_on desc, odometer_km desc
                        """, new MapSqlParameterSource("vehicle", vehicleId),
                rs -> {
                    result.put(rs.getLong(1) + ":" + rs.getLong(2), new LastService(rs.getBigDecimal(3), rs.getObject(4, LocalDate.class)));
                });
        return result;
    }

    private Map<String, OpenOrder> openOrders(Long vehicleId) {
        Map<String, OpenOrder> result = new HashMap<>();
        jdbc.query("""
                        select vehicle_id, schedule_id, id, number from work_order
                         where status in ('OPEN','IN_PROGRESS') and schedule_id is not null
                           and (cast(:vehicle as bigint) is null or vehicle_id = :vehicle) order by id
                        """, new MapSqlParameterSource("vehicle", vehicleId),
                rs -> {
                    result.putIfAbsent(rs.getLong(1) + ":" + rs.getLong(2), new OpenOrder(rs.getLong(3), rs.getString(4)));
                });
        return result;
    }
}
