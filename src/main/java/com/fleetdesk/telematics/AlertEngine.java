package com.fleetdesk.telematics;

import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.fleet.FleetDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates the depots' alert rules on every stored batch of positions (off the ingest path, in
 * order) and every minute for offline devices and due maintenance. State that must survive a
 * node switching (since when a vehicle speeds, whether it is inside a geofence) lives in the
 * database, so any node may evaluate any vehicle's next position.
 */
@Component
class AlertEngine {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final AlertRuleRepository rules;
    private final GeofenceRepository geofences;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final FleetDirectory fleet;
    private final UserNotificationService notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    /** Conditions of the batch being evaluated; only the single worker thread touches it. */
    private Map<String, Instant> conditionsOfBatch = new HashMap<>();
    private final PositionRounds rounds;

    AlertEngine(AlertRuleRepository rules, GeofenceRepository geofences, JdbcClient jdbc, TransactionTemplate tx,
                FleetDirectory fleet, UserNotificationService notifications, ApplicationEventPublisher events,
                @org.springframework.beans.factory.annotation.Value("${fleetdesk.alerts.round-interval-ms:500}") long roundIntervalMs) {
        this.rounds = new PositionRounds("alert-engine", java.time.Duration.ofMillis(roundIntervalMs), this::evaluate);
        this.rules = rules;
        this.geofences = geofences;
        this.jdbc = jdbc;
        this.tx = tx;
        this.fleet = fleet;
        this.notifications = notifications;
        this.events = events;
    }

    @EventListener
    void onStored(PositionWriter.StoredBatch batch) {
        rounds.add(batch.newPositions());
    }

    /** Evaluates positions against the active rules of each vehicle's depot; returns alerts raised. */
    /** Rules and geofences as last loaded; reloaded when any node changes them. */
    private record Setup(Map<Long, List<AlertRule>> rulesByDepot, Map<Long, Geofence> fences) {
    }

    private volatile Setup setup;
    private final java.util.concurrent.atomic.AtomicLong setupGeneration = new java.util.concurrent.atomic.AtomicLong();

    /** After commit, so a reload sees the change; remote nodes' events arrive without a transaction. */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void onSetupChanged(AlertSetupChanged event) {
        setupGeneration.incrementAndGet();
        setup = null;
    }

    private Setup setup() {
        Setup current = setup;
        if (current == null) {
            long generation = setupGeneration.get();
            Map<Long, Geofence> fences = new HashMap<>();
            geofences.findAll().forEach(g -> fences.put(g.getId(), g));
            current = new Setup(rules.findByActiveTrue().stream().collect(Collectors.groupingBy(AlertRule::getDepotId)), fences);
            if (generation == setupGeneration.get()) {
                setup = current; // not cached if a change arrived while loading
            }
        }
        return current;
    }

    int evaluate(List<PositionWriter.Pending> positions) {
        Setup current = setup();
        Map<Long, List<AlertRule>> rulesByDepot = current.rulesByDepot();
        if (rulesByDepot.isEmpty()) {
            return 0;
        }
        Map<Long, Geofence> fences = current.fences();
        Map<Long, List<PositionWriter.Pending>> byVehicle = PositionRounds.byVehicleInTimeOrder(positions);
        // Lasting conditions already under way for these vehicles, read once per batch.
        Map<String, Instant> conditions = new HashMap<>();
        jdbc.sql("select vehicle_id, rule_id, since from alert_condition where vehicle_id = any(?)")
                .param(byVehicle.keySet().toArray(Long[]::new))
                .query(rs -> {
                    conditions.put(rs.getLong(1) + ":" + rs.getLong(2), rs.getTimestamp(3).toInstant());
                });
        this.conditionsOfBatch = conditions;
        int raised = 0;
        for (var entry : byVehicle.entrySet()) {
            List<PositionWriter.Pending> track = entry.getValue();
            List<AlertRule> depotRules = rulesByDepot.getOrDefault(track.getFirst().depotId(), List.of());
            for (AlertRule rule : depotRules) {
                raised += switch (rule.getKind()) {
                    case OVERSPEED -> condition(rule, track, p -> p.speedKmh() != null && p.speedKmh() > rule.getThreshold(), PositionReport::speedKmh,
                            "km/h");
                    case ENGINE_OVERHEAT -> condition(rule, track, p -> p.engineTempC() != null && p.engineTempC() > rule.getThreshold(),
                            PositionReport::engineTempC, "°C");
                    case LOW_FUEL -> condition(rule, track, p -> p.fuelPct() != null && p.fuelPct() < rule.getThreshold(), PositionReport::fuelPct, "%");
                    case LOW_BATTERY -> condition(rule, track, p -> p.batteryV() != null && p.batteryV() < rule.getThreshold(), PositionReport::batteryV, "V");
                    case HARSH_BRAKING -> harsh(rule, track, p -> Boolean.TRUE.equals(p.harshBrake()));
                    case HARSH_ACCELERATION -> harsh(rule, track, p -> Boolean.TRUE.equals(p.harshAccel()));
                    case GEOFENCE_ENTER, GEOFENCE_EXIT -> geofence(rule, fences.get(rule.getGeofenceId()), track);
                    case DEVICE_OFFLINE, MAINTENANCE_DUE -> 0; // checked by the minute, not per position
                };
            }
        }
        return raised;
    }

    /** A lasting condition raises one alert once it has held for the rule's minimum duration. */
    private int condition(AlertRule rule, List<PositionWriter.Pending> track, java.util.function.Predicate<PositionReport> holds,
                          java.util.function.Function<PositionReport, Double> value, String unit) {
        long vehicleId = track.getFirst().vehicleId();
        String key = vehicleId + ":" + rule.getId();
        int raised = 0;
        for (PositionWriter.Pending p : track) {
            PositionReport r = p.report();
            if (holds.test(r)) {
                Instant since = conditionsOfBatch.get(key);
                if (since == null || r.fixTime().isBefore(since)) {
                    // The database decides when several nodes start the same condition at once.
                    since = jdbc.sql("""
                                    insert into alert_condition (vehicle_id, rule_id, since) values (?, ?, ?)
                                    on conflict (vehicle_id, rule_id) do update set since = least(alert_condition.since, excluded.since)
                                    returning since
                                    """)
                            .params(vehicleId, rule.getId(), Timestamp.from(r.fixTime())).query(Timestamp.class).single().toInstant();
                    conditionsOfBatch.put(key, since);
                }
                if (Duration.between(since, r.fixTime()).getSeconds() >= rule.getMinDurationSeconds()) {
                    String message = rule.getKind().label() + ": " + p.registration() + " at " + format(value.apply(r)) + " " + unit
                            + " (limit " + format(rule.getThreshold()) + " " + unit
                            + (rule.getMinDurationSeconds() > 0 ? ", for " + Duration.between(since, r.fixTime()).getSeconds() + " s" : "") + ")";
                    raised += raise(rule, p, message, value.apply(r));
                }
            } else if (conditionsOfBatch.remove(key) != null) {
                jdbc.sql("delete from alert_condition where vehicle_id = ? and rule_id = ?").params(vehicleId, rule.getId()).update();
            }
        }
        return raised;
    }

    private int harsh(AlertRule rule, List<PositionWriter.Pending> track, java.util.function.Predicate<PositionReport> happened) {
        int raised = 0;
        for (PositionWriter.Pending p : track) {
            if (happened.test(p.report())) {
                raised += raise(rule, p, rule.getKind().label() + ": " + p.registration()
                        + (p.report().speedKmh() == null ? "" : " at " + format(p.report().speedKmh()) + " km/h"), p.report().speedKmh());
            }
        }
        return raised;
    }

    private int geofence(AlertRule rule, Geofence fence, List<PositionWriter.Pending> track) {
        if (fence == null) {
            return 0;
        }
        long vehicleId = track.getFirst().vehicleId();
        int raised = 0;
        Boolean inside = jdbc.sql("select inside from geofence_presence where vehicle_id = ? and geofence_id = ?")
                .params(vehicleId, fence.getId()).query(Boolean.class).optional().orElse(null);
        for (PositionWriter.Pending p : track) {
            boolean now = fence.contains(p.report().latitude(), p.report().longitude());
            if (inside != null && inside != now) {
                boolean entered = now;
                if (entered == (rule.getKind() == AlertKind.GEOFENCE_ENTER)) {
                    raised += raise(rule, p, p.registration() + (entered ? " entered " : " left ") + fence.getName(), null);
                }
            }
            inside = now;
            Instant at = p.report().fixTime();
            jdbc.sql("""
                            insert into geofence_presence (vehicle_id, geofence_id, inside, since) values (?, ?, ?, ?)
                            on conflict (vehicle_id, geofence_id) do update set inside = excluded.inside,
                                since = case when geofence_presence.inside = excluded.inside then geofence_presence.since else excluded.since end
                            """)
                    .params(vehicleId, fence.getId(), now, Timestamp.from(at)).update();
        }
        return raised;
    }

    /** Devices silent for longer than the rule's minutes, and vehicles whose service is due. */
    @Scheduled(fixedDelayString = "${fleetdesk.alerts.check-interval-ms:60000}", initialDelay = 30_000)
    void checkByTheMinute() {
        try {
            checkOfflineAndMaintenance();
        } catch (RuntimeException e) {
            log.warn("Periodic alert check failed: {}", e.getMessage());
        }
    }

    int checkOfflineAndMaintenance() {
        int raised = 0;
        Instant now = clock.instant();
        for (AlertRule rule : rules.findByActiveTrue()) {
            if (rule.getKind() == AlertKind.DEVICE_OFFLINE) {
                Instant cutoff = now.minusSeconds((long) (rule.getThreshold() * 60));
                var silent = jdbc.sql("""
                                select l.vehicle_id, v.registration, l.fix_time, l.latitude, l.longitude from vehicle_last_position l
                                  join vehicle v on v.id = l.vehicle_id where v.depot_id = ? and l.fix_time < ? and v.status = 'ACTIVE'
                                """)
                        .params(rule.getDepotId(), Timestamp.from(cutoff)).query().listOfRows();
                for (var row : silent) {
                    Instant last = ((Timestamp) row.get("fix_time")).toInstant();
                    long minutes = Duration.between(last, now).toMinutes();
                    raised += raise(rule, ((Number) row.get("vehicle_id")).longValue(), (String) row.get("registration"), rule.getDepotId(),
                            "Device offline: no position from " + row.get("registration") + " for " + minutes + " minutes",
                            (Double) row.get("latitude"), (Double) row.get("longitude"), (double) minutes, now);
                }
            } else if (rule.getKind() == AlertKind.MAINTENANCE_DUE) {
                for (var due : fleet.serviceDue(rule.getThreshold(), 14)) {
                    if (due.depotId() != rule.getDepotId()) {
                        continue;
                    }
                    String what = due.nextServiceKm() != null && due.odometerKm() >= due.nextServiceKm() - rule.getThreshold()
                            ? "service due at " + Math.round(due.nextServiceKm()) + " km (now " + Math.round(due.odometerKm()) + " km)"
                            : "service due on " + due.nextServiceDate();
                    raised += raise(rule, due.vehicleId(), due.registration(), due.depotId(), "Maintenance due: " + due.registration() + ", " + what,
                            null, null, due.odometerKm(), now);
                }
            }
        }
        return raised;
    }

    private int raise(AlertRule rule, PositionWriter.Pending p, String message, Double value) {
        return raise(rule, p.vehicleId(), p.registration(), p.depotId(), message, p.report().latitude(), p.report().longitude(), value,
                p.report().fixTime());
    }

    /**
     * Conditions ("rule:vehicle") known to have an unresolved alert: a speeding vehicle reports
     * again every few seconds, and each report would otherwise try (and fail) to insert the same
     * alert. Forgotten when an alert of the vehicle is resolved, on any node.
     */
    private final java.util.Set<String> openConditions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void onAlertChanged(AlertChanged event) {
        if (event.status() == AlertStatus.RESOLVED) {
            String suffix = ":" + event.vehicleId();
            openConditions.removeIf(key -> key.endsWith(suffix));
        }
    }

    /** Inserts the alert unless the same condition already has an unresolved one; notifies the depot's managers. */
    private int raise(AlertRule rule, long vehicleId, String registration, long depotId, String message, Double lat, Double lon,
                      Double value, Instant at) {
        String conditionKey = rule.getKind().isCondition() ? rule.getId() + ":" + vehicleId : null;
        if (conditionKey != null && openConditions.contains(conditionKey)) {
            return 0;
        }
        Long id = tx.execute(status -> {
            var created = jdbc.sql("""
                            insert into vehicle_alert (vehicle_id, vehicle_registration, depot_id, rule_id, kind, severity, message, status,
                                   condition_key, raised_at, latitude, longitude, measured_value)
                            values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)
                            on conflict (condition_key) where status <> 'RESOLVED' do nothing
                            returning id
                            """)
                    .params(vehicleId, registration, depotId, rule.getId(), rule.getKind().name(), rule.getSeverity().name(),
                            message.length() > 300 ? message.substring(0, 297) + "..." : message, conditionKey, Timestamp.from(at),
                            lat, lon, value)
                    .query(Long.class).optional();
            created.ifPresent(alertId -> {
                for (String manager : fleet.depotManagers(depotId)) {
                    notifications.post(manager, rule.getSeverity().label() + " alert: " + message, "alerts?alert=" + alertId);
                }
            });
            return created.orElse(null);
        });
        if (conditionKey != null) {
            openConditions.add(conditionKey); // raised now, or already open
        }
        if (id == null) {
            return 0;
        }
        events.publishEvent(new AlertChanged(id, vehicleId, depotId, AlertStatus.OPEN));
        return 1;
    }

    private static String format(Double v) {
        return v == null ? "?" : String.format(Locale.UK, "%.1f", v);
    }

    /** Used by tests and the benchmark to wait for queued evaluations. */
    void awaitIdle() throws InterruptedException {
        rounds.awaitIdle();
    }
}
