package com.fleetdesk.telematics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stores positions in batches with group commit: every caller waits for the commit that made
 * its position durable, so a tracker sees 200 only for data that survives a crash, while one
 * transaction carries up to {@code batchSize} positions. A database outage holds the batch and
 * retries until it is stored; callers time out meanwhile and their trackers retry, which the
 * (device, time) key turns into no-ops.
 */
@Component
class PositionWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PositionWriter.class);
    private static final int EVENT_CHUNK = 40;

    private static final String INSERT = """
            insert into vehicle_position (device_id, fix_time, vehicle_id, received_at, latitude, longitude, speed_kmh, heading,
                   altitude_m, accuracy_m, odometer_km, fuel_pct, engine_temp_c, rpm, battery_v, battery_pct, ignition,
                   harsh_brake, harsh_accel, driver_ref, attributes)
            select d, f, v, r, la, lo, sp, he, al, ac, od, fu, et, rp, bv, bp, ig, hb, ha, dr, at::jsonb
              from unnest(?::varchar[], ?::timestamptz[], ?::bigint[], ?::timestamptz[], ?::float8[], ?::float8[], ?::float4[],
                          ?::float4[], ?::float4[], ?::float4[], ?::float8[], ?::float4[], ?::float4[], ?::int[], ?::float4[],
                          ?::float4[], ?::bool[], ?::bool[], ?::bool[], ?::varchar[], ?::text[])
                   as t(d, f, v, r, la, lo, sp, he, al, ac, od, fu, et, rp, bv, bp, ig, hb, ha, dr, at)
            on conflict do nothing
            returning device_id, fix_time
            """;

    private static final String LAST_POSITION = """
            insert into vehicle_last_position (vehicle_id, device_id, fix_time, received_at, latitude, longitude, speed_kmh,
                   heading, fuel_pct, battery_v, ignition, odometer_km)
            select distinct on (v) v, d, f, r, la, lo, sp, he, fu, bv, ig, od
              from unnest(?::bigint[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::float8[], ?::float8[], ?::float4[],
                          ?::float4[], ?::float4[], ?::float4[], ?::bool[], ?::float8[])
                   as t(v, d, f, r, la, lo, sp, he, fu, bv, ig, od)
             order by v, f desc
            on conflict (vehicle_id) do update set device_id = excluded.device_id, fix_time = excluded.fix_time,
                   received_at = excluded.received_at, latitude = excluded.latitude, longitude = excluded.longitude,
                   speed_kmh = excluded.speed_kmh, heading = excluded.heading,
                   fuel_pct = coalesce(excluded.fuel_pct, vehicle_last_position.fuel_pct),
                   battery_v = coalesce(excluded.battery_v, vehicle_last_position.battery_v),
                   ignition = coalesce(excluded.ignition, vehicle_last_position.ignition),
                   odometer_km = coalesce(excluded.odometer_km, vehicle_last_position.odometer_km)
             where excluded.fix_time > vehicle_last_position.fix_time
            """;

    record Pending(PositionReport report, long vehicleId, long depotId, String registration, Instant receivedAt,
                   CompletableFuture<Boolean> stored) {
    }

    /** What one committed batch produced, for listeners such as odometer updates. */
    record StoredBatch(List<Pending> newPositions) {
    }

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final Counter stored;
    private final Counter duplicates;
    private final Timer commitTimer;
    private volatile boolean running;
    private Thread worker;

    PositionWriter(DataSource dataSource, ApplicationEventPublisher events, MeterRegistry meters,
                   @Value("${fleetdesk.ingest.queue-capacity:50000}") int capacity,
                   @Value("${fleetdesk.ingest.batch-size:2000}") int batchSize) {
        this.dataSource = dataSource;
        this.events = events;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.stored = meters.counter("fleetdesk.ingest.stored");
        this.duplicates = meters.counter("fleetdesk.ingest.duplicates");
        this.commitTimer = meters.timer("fleetdesk.ingest.batch.commit");
        meters.gauge("fleetdesk.ingest.queue", queue, BlockingQueue::size);
    }

    /** Queues a position; the future completes with true (stored) or false (already stored) after commit. */
    CompletableFuture<Boolean> submit(PositionReport report, com.fleetdesk.fleet.FleetDirectory.TrackedVehicle vehicle, Instant receivedAt) {
        CompletableFuture<Boolean> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new IngestRejected(503, "stopping", "server is shutting down, retry shortly"));
        } else if (!queue.offer(new Pending(report, vehicle.vehicleId(), vehicle.depotId(), vehicle.registration(), receivedAt, future))) {
            future.completeExceptionally(new IngestRejected(503, "busy", "ingest queue full, retry shortly"));
        }
        return future;
    }

    /** Stores a batch right now on the caller's thread (benchmarks and bulk imports). */
    int writeNow(List<Pending> batch) throws SQLException {
        return write(batch).newPositions().size();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                storeWithRetry(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
        // Nothing queued can be stored any more: tell the waiting trackers to retry.
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new IngestRejected(503, "stopping", "server is shutting down, retry shortly"));
        }
    }

    private void storeWithRetry(List<Pending> batch) {
        long backoff = 100;
        while (true) {
            try {
                StoredBatch result = commitTimer.recordCallable(() -> write(batch));
                afterCommit(batch, result);
                return;
            } catch (Exception e) {
                log.warn("Storing {} positions failed ({}); retrying in {} ms", batch.size(), e.getMessage(), backoff);
                if (!running && backoff > 1600) {
                    batch.forEach(p -> p.stored().completeExceptionally(new IngestRejected(503, "database", "database unavailable, retry shortly")));
                    return;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    private StoredBatch write(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> inserted = insertPositions(c, batch);
                List<Pending> fresh = new ArrayList<>();
                for (Pending p : batch) {
                    if (inserted.remove(key(p.report().deviceId(), p.report().fixTime()))) {
                        fresh.add(p);
                    }
                }
                if (!fresh.isEmpty()) {
                    updateLastPositions(c, fresh);
                }
                c.commit();
                return new StoredBatch(fresh);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Set<String> insertPositions(Connection c, List<Pending> batch) throws SQLException {
        int n = batch.size();
        Object[][] cols = new Object[21][n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            PositionReport r = p.report();
            cols[0][i] = r.deviceId();
            cols[1][i] = Timestamp.from(r.fixTime());
            cols[2][i] = p.vehicleId();
            cols[3][i] = Timestamp.from(p.receivedAt());
            cols[4][i] = r.latitude();
            cols[5][i] = r.longitude();
            cols[6][i] = toFloat(r.speedKmh());
            cols[7][i] = toFloat(r.heading());
            cols[8][i] = toFloat(r.altitudeM());
            cols[9][i] = toFloat(r.accuracyM());
            cols[10][i] = r.odometerKm();
            cols[11][i] = toFloat(r.fuelPct());
            cols[12][i] = toFloat(r.engineTempC());
            cols[13][i] = r.rpm();
            cols[14][i] = toFloat(r.batteryV());
            cols[15][i] = toFloat(r.batteryPct());
            cols[16][i] = r.ignition();
            cols[17][i] = r.harshBrake();
            cols[18][i] = r.harshAccel();
            cols[19][i] = r.driverRef();
            cols[20][i] = r.attributes().isEmpty() ? null : json(r.attributes());
        }
        String[] types = {"varchar", "timestamptz", "int8", "timestamptz", "float8", "float8", "float4", "float4", "float4",
                "float4", "float8", "float4", "float4", "int4", "float4", "float4", "bool", "bool", "bool", "varchar", "text"};
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int col = 0; col < 21; col++) {
                ps.setArray(col + 1, c.createArrayOf(types[col], cols[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(key(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
        }
        return inserted;
    }

    private void updateLastPositions(Connection c, List<Pending> fresh) throws SQLException {
        int n = fresh.size();
        Object[][] cols = new Object[12][n];
        for (int i = 0; i < n; i++) {
            Pending p = fresh.get(i);
            PositionReport r = p.report();
            cols[0][i] = p.vehicleId();
            cols[1][i] = r.deviceId();
            cols[2][i] = Timestamp.from(r.fixTime());
            cols[3][i] = Timestamp.from(p.receivedAt());
            cols[4][i] = r.latitude();
            cols[5][i] = r.longitude();
            cols[6][i] = toFloat(r.speedKmh());
            cols[7][i] = toFloat(r.heading());
            cols[8][i] = toFloat(r.fuelPct());
            cols[9][i] = toFloat(r.batteryV());
            cols[10][i] = r.ignition();
            cols[11][i] = r.odometerKm();
        }
        String[] types = {"int8", "varchar", "timestamptz", "timestamptz", "float8", "float8", "float4", "float4", "float4",
                "float4", "bool", "float8"};
        try (PreparedStatement ps = c.prepareStatement(LAST_POSITION)) {
            for (int col = 0; col < 12; col++) {
                Array array = c.createArrayOf(types[col], cols[col]);
                ps.setArray(col + 1, array);
            }
            ps.executeUpdate();
        }
    }

    private void afterCommit(List<Pending> batch, StoredBatch result) {
        if (!result.newPositions().isEmpty()) {
            try {
                // Vehicle odometers follow before the trackers hear back, so a 200 means "counted" too.
                events.publishEvent(result);
            } catch (RuntimeException e) {
                log.warn("Updating vehicles from telemetry failed: {}", e.getMessage());
            }
        }
        Set<Pending> fresh = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        fresh.addAll(result.newPositions());
        for (Pending p : batch) {
            p.stored().complete(fresh.contains(p));
        }
        stored.increment(fresh.size());
        duplicates.increment(batch.size() - fresh.size());
        if (fresh.isEmpty()) {
            return;
        }
        try {
            Map<Long, VehicleMove> newest = new HashMap<>();
            for (Pending p : result.newPositions()) {
                PositionReport r = p.report();
                VehicleMove current = newest.get(p.vehicleId());
                if (current == null || r.fixTime().isAfter(current.fixTime())) {
                    newest.put(p.vehicleId(), new VehicleMove(p.vehicleId(), r.latitude(), r.longitude(), r.speedKmh(), r.heading(),
                            r.ignition(), r.fuelPct(), r.fixTime()));
                }
            }
            List<VehicleMove> moves = new ArrayList<>(newest.values());
            for (int i = 0; i < moves.size(); i += EVENT_CHUNK) {
                events.publishEvent(new VehiclesMoved(List.copyOf(moves.subList(i, Math.min(moves.size(), i + EVENT_CHUNK)))));
            }
        } catch (RuntimeException e) {
            // Stored is stored: a failing listener must not turn an accepted position into an error.
            log.warn("Position listeners failed after commit: {}", e.getMessage());
        }
    }

    private static String key(String device, Instant time) {
        return device + '\u0000' + time.toEpochMilli();
    }

    private static Float toFloat(Double d) {
        return d == null ? null : d.floatValue();
    }

    private static String json(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder("{");
        attributes.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(',');
            sb.append('"').append(escape(k)).append("\":\"").append(escape(v)).append('"');
        });
        return sb.append('}').toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("position-writer").start(this::drain);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the HTTP server (higher phase stops first), so accepted requests are written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
