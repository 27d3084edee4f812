package com.fleetdesk.telematics;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Turns positions into journeys. A journey starts when the vehicle moves at
 * {@value #START_SPEED_KMH} km/h or more (or its ignition goes on) and ends once it has stood
 * still (below {@value #STOP_SPEED_KMH} km/h, or ignition off) for {@link #MIN_STOP}; journeys
 * shorter than {@link #MIN_DURATION} or {@value #MIN_DISTANCE_KM} km are dropped as noise
 * (manoeuvring in a yard, GPS drift). Distance sums the great-circle steps of the track.
 */
@Component
class JourneyDetector {

    static final double START_SPEED_KMH = 5.0;
    static final double STOP_SPEED_KMH = 3.0;
    static final Duration MIN_STOP = Duration.ofMinutes(5);
    static final Duration MIN_DURATION = Duration.ofMinutes(2);
    static final double MIN_DISTANCE_KM = 0.5;

    private static final Logger log = LoggerFactory.getLogger(JourneyDetector.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("journey-detector").unstarted(r));

    JourneyDetector(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    @EventListener
    void onStored(PositionWriter.StoredBatch batch) {
        worker.execute(() -> {
            try {
                process(batch.newPositions());
            } catch (RuntimeException e) {
                log.warn("Journey detection failed: {}", e.getMessage());
            }
        });
    }

    void process(List<PositionWriter.Pending> positions) {
        Map<Long, List<PositionWriter.Pending>> byVehicle = positions.stream()
                .sorted(Comparator.comparing(p -> p.report().fixTime()))
                .collect(Collectors.groupingBy(PositionWriter.Pending::vehicleId));
        List<JourneyDetected> finished = new ArrayList<>();
        byVehicle.forEach((vehicleId, track) -> tx.executeWithoutResult(status -> track.forEach(p -> step(p, finished))));
        finished.forEach(events::publishEvent);
    }

    private void step(PositionWriter.Pending p, List<JourneyDetected> finished) {
        PositionReport r = p.report();
        var state = jdbc.sql("select * from journey_state where vehicle_id = ? for update").param(p.vehicleId()).query().listOfRows();
        boolean moving = r.speedKmh() != null ? r.speedKmh() >= START_SPEED_KMH : Boolean.TRUE.equals(r.ignition());
        boolean still = (r.speedKmh() == null || r.speedKmh() < STOP_SPEED_KMH) && !Boolean.TRUE.equals(r.ignition()) || Boolean.FALSE.equals(r.ignition());
        Timestamp at = Timestamp.from(r.fixTime());
        if (state.isEmpty()) {
            if (moving) {
                jdbc.sql("""
                                insert into journey_state (vehicle_id, started_at, start_lat, start_lon, start_odometer, last_fix_at, last_moving_at,
                                       last_lat, last_lon, last_odometer, distance_km) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                                """)
                        .params(p.vehicleId(), at, r.latitude(), r.longitude(), r.odometerKm(), at, at, r.latitude(), r.longitude(), r.odometerKm())
                        .update();
            }
            return;
        }
        Map<String, Object> s = state.getFirst();
        Instant lastFix = ((Timestamp) s.get("last_fix_at")).toInstant();
        if (!r.fixTime().isAfter(lastFix)) {
            return; // late or repeated position: the journey has moved on
        }
        double stepKm = Trail.distanceKm(new TrailPoint(null, (Double) s.get("last_lat"), (Double) s.get("last_lon"), null, null),
                new TrailPoint(null, r.latitude(), r.longitude(), null, null));
        Instant lastMoving = ((Timestamp) s.get("last_moving_at")).toInstant();
        if (still && Duration.between(lastMoving, r.fixTime()).compareTo(MIN_STOP) >= 0) {
            jdbc.sql("delete from journey_state where vehicle_id = ?").param(p.vehicleId()).update();
            Instant started = ((Timestamp) s.get("started_at")).toInstant();
            double km = ((Number) s.get("distance_km")).doubleValue();
            if (Duration.between(started, lastMoving).compareTo(MIN_DURATION) >= 0 && km >= MIN_DISTANCE_KM) {
                finished.add(new JourneyDetected(p.vehicleId(), p.depotId(), p.registration(), started, lastMoving,
                        (Double) s.get("start_lat"), (Double) s.get("start_lon"), (Double) s.get("last_lat"), (Double) s.get("last_lon"),
                        Math.round(km * 10) / 10.0, (Double) s.get("start_odometer"), (Double) s.get("last_odometer")));
            }
            return;
        }
        jdbc.sql("""
                        update journey_state set last_fix_at = ?, last_lat = ?, last_lon = ?, distance_km = distance_km + ?,
                               last_moving_at = case when ? then ? else last_moving_at end,
                               last_odometer = coalesce(?, last_odometer)
                         where vehicle_id = ?
                        """)
                .params(at, r.latitude(), r.longitude(), stepKm, !still, at, r.odometerKm(), p.vehicleId()).update();
    }

    /** Ends journeys whose vehicle went silent (tracker switched off with the engine). */
    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void closeSilentJourneys() {
        worker.execute(() -> {
            try {
                closeSilent(clock.instant());
            } catch (RuntimeException e) {
                log.warn("Closing silent journeys failed: {}", e.getMessage());
            }
        });
    }

    void closeSilent(Instant now) {
        List<JourneyDetected> finished = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            var silent = jdbc.sql("""
                            delete from journey_state j using vehicle v where v.id = j.vehicle_id and j.last_fix_at < ?
                            returning j.*, v.depot_id, v.registration
                            """).param(Timestamp.from(now.minus(MIN_STOP))).query().listOfRows();
            for (var s : silent) {
                Instant started = ((Timestamp) s.get("started_at")).toInstant();
                Instant lastMoving = ((Timestamp) s.get("last_moving_at")).toInstant();
                double km = ((Number) s.get("distance_km")).doubleValue();
                if (Duration.between(started, lastMoving).compareTo(MIN_DURATION) >= 0 && km >= MIN_DISTANCE_KM) {
                    finished.add(new JourneyDetected(((Number) s.get("vehicle_id")).longValue(), ((Number) s.get("depot_id")).longValue(),
                            (String) s.get("registration"), started, lastMoving, (Double) s.get("start_lat"), (Double) s.get("start_lon"),
                            (Double) s.get("last_lat"), (Double) s.get("last_lon"), Math.round(km * 10) / 10.0,
                            (Double) s.get("start_odometer"), (Double) s.get("last_odometer")));
                }
            }
        });
        finished.forEach(events::publishEvent);
    }

    void awaitIdle() throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        worker.execute(done::countDown);
        done.await();
    }
}
