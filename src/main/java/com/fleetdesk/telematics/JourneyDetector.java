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
import java.util.List;
import java.util.Map;

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
    private final PositionRounds rounds;

    JourneyDetector(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
                    @org.springframework.beans.factory.annotation.Value("${fleetdesk.journeys.round-interval-ms:1000}") long roundIntervalMs) {
        this.rounds = new PositionRounds("journey-detector", java.time.Duration.ofMillis(roundIntervalMs), this::process);
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    @EventListener
    void onStored(PositionWriter.StoredBatch batch) {
        rounds.add(batch.newPositions());
    }

    /** A journey under way, as kept in journey_state. */
    private static final class Journey {
        Instant startedAt;
        double startLat;
        double startLon;
        Double startOdometer;
        Instant lastFixAt;
        Instant lastMovingAt;
        double lastLat;
        double lastLon;
        Double lastOdometer;
        double distanceKm;
    }

    /** One transaction per batch: the batch's journeys are read (locked), advanced in memory and written back. */
    void process(List<PositionWriter.Pending> positions) {
        Map<Long, List<PositionWriter.Pending>> byVehicle = PositionRounds.byVehicleInTimeOrder(positions);
        List<JourneyDetected> finished = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            Map<Long, Journey> journeys = new java.util.HashMap<>();
            jdbc.sql("select * from journey_state where vehicle_id = any(?) for update")
                    .param(byVehicle.keySet().toArray(Long[]::new))
                    .query(rs -> {
                        Journey j = new Journey();
                        j.startedAt = rs.getTimestamp("started_at").toInstant();
                        j.startLat = rs.getDouble("start_lat");
                        j.startLon = rs.getDouble("start_lon");
                        j.startOdometer = nullable(rs, "start_odometer");
                        j.lastFixAt = rs.getTimestamp("last_fix_at").toInstant();
                        j.lastMovingAt = rs.getTimestamp("last_moving_at").toInstant();
                        j.lastLat = rs.getDouble("last_lat");
                        j.lastLon = rs.getDouble("last_lon");
                        j.lastOdometer = nullable(rs, "last_odometer");
                        j.distanceKm = rs.getDouble("distance_km");
                        journeys.put(rs.getLong("vehicle_id"), j);
                    });
            Map<Long, Journey> underWay = new java.util.HashMap<>();
            List<Long> ended = new ArrayList<>();
            byVehicle.forEach((vehicleId, track) -> {
                boolean existed = journeys.containsKey(vehicleId);
                Journey journey = journeys.get(vehicleId);
                for (PositionWriter.Pending p : track) {
                    journey = step(journey, p, finished);
                }
                if (journey != null) {
                    underWay.put(vehicleId, journey);
                } else if (existed) {
                    ended.add(vehicleId);
                }
            });
            if (!ended.isEmpty()) {
                jdbc.sql("delete from journey_state where vehicle_id = any(?)").param(ended.toArray(Long[]::new)).update();
            }
            if (!underWay.isEmpty()) {
                save(underWay);
            }
        });
        finished.forEach(events::publishEvent);
    }

    /** Advances a journey by one position; returns the journey under way afterwards, or null. */
    private static Journey step(Journey journey, PositionWriter.Pending p, List<JourneyDetected> finished) {
        PositionReport r = p.report();
        boolean moving = r.speedKmh() != null ? r.speedKmh() >= START_SPEED_KMH : Boolean.TRUE.equals(r.ignition());
        boolean still = (r.speedKmh() == null || r.speedKmh() < STOP_SPEED_KMH) && !Boolean.TRUE.equals(r.ignition()) || Boolean.FALSE.equals(r.ignition());
        if (journey == null) {
            if (!moving) {
                return null;
            }
            Journey j = new Journey();
            j.startedAt = r.fixTime();
            j.startLat = r.latitude();
            j.startLon = r.longitude();
            j.startOdometer = r.odometerKm();
            j.lastFixAt = r.fixTime();
            j.lastMovingAt = r.fixTime();
            j.lastLat = r.latitude();
            j.lastLon = r.longitude();
            j.lastOdometer = r.odometerKm();
            return j;
        }
        if (!r.fixTime().isAfter(journey.lastFixAt)) {
            return journey; // late or repeated position: the journey has moved on
        }
        if (still && Duration.between(journey.lastMovingAt, r.fixTime()).compareTo(MIN_STOP) >= 0) {
            if (Duration.between(journey.startedAt, journey.lastMovingAt).compareTo(MIN_DURATION) >= 0 && journey.distanceKm >= MIN_DISTANCE_KM) {
                finished.add(new JourneyDetected(p.vehicleId(), p.depotId(), p.registration(), journey.startedAt, journey.lastMovingAt,
                        journey.startLat, journey.startLon, journey.lastLat, journey.lastLon, Math.round(journey.distanceKm * 10) / 10.0,
                        journey.startOdometer, journey.lastOdometer));
            }
            return null;
        }
        journey.distanceKm += Trail.distanceKm(journey.lastLat, journey.lastLon, r.latitude(), r.longitude());
        journey.lastFixAt = r.fixTime();
        journey.lastLat = r.latitude();
        journey.lastLon = r.longitude();
        if (!still) {
            journey.lastMovingAt = r.fixTime();
        }
        if (r.odometerKm() != null) {
            journey.lastOdometer = r.odometerKm();
        }
        return journey;
    }

    /** Writes the batch's journeys in one statement (times travel as epoch milliseconds). */
    private void save(Map<Long, Journey> underWay) {
        int n = underWay.size();
        Long[] ids = new Long[n];
        Long[] started = new Long[n];
        Double[] startLat = new Double[n];
        Double[] startLon = new Double[n];
        Double[] startOdo = new Double[n];
        Long[] lastFix = new Long[n];
        Long[] lastMoving = new Long[n];
        Double[] lastLat = new Double[n];
        Double[] lastLon = new Double[n];
        Double[] lastOdo = new Double[n];
        Double[] km = new Double[n];
        int i = 0;
        for (var e : underWay.entrySet()) {
            Journey j = e.getValue();
            ids[i] = e.getKey();
            started[i] = j.startedAt.toEpochMilli();
            startLat[i] = j.startLat;
            startLon[i] = j.startLon;
            startOdo[i] = j.startOdometer;
            lastFix[i] = j.lastFixAt.toEpochMilli();
            lastMoving[i] = j.lastMovingAt.toEpochMilli();
            lastLat[i] = j.lastLat;
            lastLon[i] = j.lastLon;
            lastOdo[i] = j.lastOdometer;
            km[i] = j.distanceKm;
            i++;
        }
        jdbc.sql("""
                        insert into journey_state (vehicle_id, started_at, start_lat, start_lon, start_odometer, last_fix_at, last_moving_at,
                               last_lat, last_lon, last_odometer, distance_km)
                        select v, to_timestamp(s / 1000.0), sla, slo, so, to_timestamp(lf / 1000.0), to_timestamp(lm / 1000.0), lla, llo, lo, d
                          from unnest(?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::bigint[], ?::bigint[],
                                      ?::float8[], ?::float8[], ?::float8[], ?::float8[]) as t(v, s, sla, slo, so, lf, lm, lla, llo, lo, d)
                        on conflict (vehicle_id) do update set started_at = excluded.started_at, start_lat = excluded.start_lat,
                               start_lon = excluded.start_lon, start_odometer = excluded.start_odometer,
                               last_fix_at = excluded.last_fix_at, last_moving_at = excluded.last_moving_at,
                               last_lat = excluded.last_lat, last_lon = excluded.last_lon, last_odometer = excluded.last_odometer,
                               distance_km = excluded.distance_km
                        """)
                .params(ids, started, startLat, startLon, startOdo, lastFix, lastMoving, lastLat, lastLon, lastOdo, km)
                .update();
    }

    private static Double nullable(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** Ends journeys whose vehicle went silent (tracker switched off with the engine). */
    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void closeSilentJourneys() {
        rounds.execute(() -> {
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
        rounds.awaitIdle();
    }
}
