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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * (device, time) key turns into no-ops. Writer threads ({@code fleetdesk.ingest.writers}, 2 by
 * default) take batches in turn, one sending its batch while another waits for its commit: with
 * one, every tracker also waited for the writer's own round trips (see the README's telematics
 * benchmark); more help when the database is far away.
 */
@Component
class PositionWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PositionWriter.class);

    /** For a batch that holds a tracker's retry of a stored position (rare): stores the rest, skipping what is stored. */
    private static final String INSERT = """
            insert into vehicle_position (device_id, fix_time, vehicle_id, received_at, latitude, longitude, speed_kmh, heading,
                   altitude_m, accuracy_m, odometer_km, fuel_pct, engine_temp_c, rpm, battery_v, battery_pct, ignition,
                   harsh_brake, harsh_accel, driver_ref, attributes)
            select d, timestamptz 'epoch' + f * interval '1 microsecond', v, timestamptz 'epoch' + r * interval '1 microsecond',
                   la, lo, sp, he, al, ac, od, fu, et, rp, bv, bp, ig, hb, ha, dr, at::jsonb
              from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::float4[],
                          ?::float4[], ?::float4[], ?::float4[], ?::float8[], ?::float4[], ?::float4[], ?::int[], ?::float4[],
                          ?::float4[], ?::bool[], ?::bool[], ?::bool[], ?::varchar[], ?::text[])
                   as t(d, f, v, r, la, lo, sp, he, al, ac, od, fu, et, rp, bv, bp, ig, hb, ha, dr, at)
            on conflict do nothing
            """;

    /** PostgreSQL's unique_violation: the batch holds a position stored before. */
    private static final String DUPLICATE_KEY = "23505";

    /** After a batch that held retries: which of its positions are stored with this batch's receipt time. */
    private static final String STORED_AT = """
            select p.device_id, p.fix_time, p.received_at
              from unnest(?::varchar[], ?::bigint[]) as k(d, f)
              join vehicle_position p on p.device_id = k.d and p.fix_time = timestamptz 'epoch' + k.f * interval '1 microsecond'
            """;

    record Pending(PositionReport report, long vehicleId, long depotId, String registration, Instant receivedAt,
                   CompletableFuture<Boolean> stored) {
        Pending {
            // at the database's precision, so the stored receipt time identifies this request
            receivedAt = receivedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
    }

    /** What one committed batch produced, for listeners such as odometer updates. */
    record StoredBatch(List<Pending> newPositions) {
    }

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final LiveMapFeed mapFeed;
    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final Counter stored;
    private final Counter duplicates;
    private final Timer commitTimer;
    private final java.time.Duration storeTimeout;
    /** The batches being stored right now, by writer thread, for the watchdog (copies: writers reuse their lists). */
    private final Map<Thread, List<Pending>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final int writers;
    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();
    private Thread watchdog;

    PositionWriter(DataSource dataSource, ApplicationEventPublisher events, LiveMapFeed mapFeed, MeterRegistry meters,
                   @Value("${fleetdesk.ingest.queue-capacity:50000}") int capacity,
                   @Value("${fleetdesk.ingest.batch-size:2000}") int batchSize,
                   @Value("${fleetdesk.ingest.store-timeout-ms:10000}") long storeTimeoutMs,
                   @Value("${fleetdesk.ingest.writers:2}") int writers) {
        this.writers = Math.max(1, writers);
        this.storeTimeout = java.time.Duration.ofMillis(storeTimeoutMs);
        this.dataSource = dataSource;
        this.events = events;
        this.mapFeed = mapFeed;
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
    List<Pending> writeNow(List<Pending> batch) throws SQLException {
        return write(batch).newPositions();
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
                inFlight.put(Thread.currentThread(), List.copyOf(batch));
                storeWithRetry(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
                inFlight.remove(Thread.currentThread());
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
            // The usual batch is one binary COPY in a transaction of its own: rows go in as PostgreSQL
            // stores them, inserted in bulk, and the commit comes with the same round trip. COPY
            // cannot skip a row that is stored already ("on conflict do nothing" would also make an
            // insert write every row speculatively, probing the key first), so a batch that holds a
            // tracker's retry fails as a whole and takes the insert below.
            try {
                c.setAutoCommit(true);
                copy(c, batch);
                return new StoredBatch(new ArrayList<>(batch));
            } catch (SQLException e) {
                if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                    throw e;
                }
            }
            // The batch holds a retry of a stored position: store the rest and find out which are new, together.
            Object[] columns = columns(batch);
            c.setAutoCommit(false);
            try {
                List<Pending> fresh = insertSkippingStored(c, batch, columns);
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

    private static final String COPY = """
            copy vehicle_position (device_id, fix_time, vehicle_id, received_at, latitude, longitude, speed_kmh, heading, altitude_m,
                 accuracy_m, odometer_km, fuel_pct, engine_temp_c, rpm, battery_v, battery_pct, ignition, harsh_brake, harsh_accel,
                 driver_ref, attributes) from stdin (format binary)""";
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL counts time from 2000-01-01 UTC, in microseconds. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private static void copy(Connection c, List<Pending> batch) throws SQLException {
        byte[] rows = copyRows(batch);
        org.postgresql.copy.CopyIn copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(rows, 0, rows.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The batch in COPY's binary format: a header, each row as its fields (length, then value; -1 for null), an end mark. */
    private static byte[] copyRows(List<Pending> batch) {
        // 64 bytes hold the header (signature, flags, extension length); each row makes its own room.
        CopyRows out = new CopyRows(64 + batch.size() * CopyRows.FIXED_ROW_BYTES);
        out.bytes(COPY_SIGNATURE);
        out.int4(0); // flags
        out.int4(0); // no header extension
        for (Pending p : batch) {
            PositionReport r = p.report();
            byte[] device = utf8(r.deviceId());
            byte[] driver = utf8(r.driverRef());
            byte[] json = r.attributes().isEmpty() ? null : utf8(json(r.attributes()));
            // One bounds check per row: the fixed fields' most, plus the texts.
            out.room(CopyRows.FIXED_ROW_BYTES + length(device) + length(driver) + (json == null ? 0 : json.length + 1));
            out.int2(21);
            out.text(device);
            out.int8Field(micros(r.fixTime()) - POSTGRES_EPOCH_MICROS);
            out.int8Field(p.vehicleId());
            out.int8Field(micros(p.receivedAt()) - POSTGRES_EPOCH_MICROS);
            out.float8(r.latitude());
            out.float8(r.longitude());
            out.float4(r.speedKmh());
            out.float4(r.heading());
            out.float4(r.altitudeM());
            out.float4(r.accuracyM());
            out.float8(r.odometerKm());
            out.float4(r.fuelPct());
            out.float4(r.engineTempC());
            if (r.rpm() == null) {
                out.int4(-1);
            } else {
                out.int4(4);
                out.int4(r.rpm());
            }
            out.float4(r.batteryV());
            out.float4(r.batteryPct());
            out.bool(r.ignition());
            out.bool(r.harshBrake());
            out.bool(r.harshAccel());
            out.text(driver);
            if (json == null) {
                out.int4(-1);
            } else {
                out.int4(json.length + 1);
                out.byte1(1); // jsonb's binary format: a version byte, then the text
                out.bytes(json);
            }
        }
        out.room(2);
        out.int2(-1);
        return out.toArray();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /**
     * A growing big-endian buffer for COPY rows, written on the writer's thread, which every tracker
     * waits for: no locking (unlike the java.io streams) and one bounds check per row ({@link #room})
     * instead of one per field, which took half of the writer's own CPU.
     */
    private static final class CopyRows {
        /** A row's bytes apart from its texts: field count, 21 lengths, the widest value of every fixed-size field. */
        static final int FIXED_ROW_BYTES = 2 + 21 * 4 + 3 * 8 + 3 * 8 + 9 * 4 + 3;
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private byte[] buffer;
        private int size;

        CopyRows(int capacity) {
            buffer = new byte[capacity];
        }

        void room(int more) {
            if (size + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void bytes(byte[] b) {
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        void byte1(int v) {
            buffer[size++] = (byte) v;
        }

        void int2(int v) {
            buffer[size++] = (byte) (v >>> 8);
            buffer[size++] = (byte) v;
        }

        void int4(int v) {
            INT.set(buffer, size, v);
            size += 4;
        }

        void int8Field(long v) {
            int4(8);
            LONG.set(buffer, size, v);
            size += 8;
        }

        void float8(Double v) {
            if (v == null) {
                int4(-1);
            } else {
                int4(8);
                LONG.set(buffer, size, Double.doubleToLongBits(v));
                size += 8;
            }
        }

        void float4(Double v) {
            if (v == null) {
                int4(-1);
            } else {
                int4(4);
                INT.set(buffer, size, Float.floatToIntBits(v.floatValue()));
                size += 4;
            }
        }

        void bool(Boolean v) {
            if (v == null) {
                int4(-1);
            } else {
                int4(1);
                buffer[size++] = (byte) (v ? 1 : 0);
            }
        }

        void text(byte[] utf8) {
            if (utf8 == null) {
                int4(-1);
                return;
            }
            int4(utf8.length);
            bytes(utf8);
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buffer, size);
        }
    }

    /** The batch as one typed array per column, in {@link #INSERT}'s parameter order. */
    private static Object[] columns(List<Pending> batch) {
        int n = batch.size();
        // Typed arrays travel in PostgreSQL's binary format (no number printing and parsing); times as epoch microseconds.
        String[] device = new String[n];
        Long[] fixTime = new Long[n];
        Long[] vehicle = new Long[n];
        Long[] received = new Long[n];
        Double[] lat = new Double[n];
        Double[] lon = new Double[n];
        Float[] speed = new Float[n];
        Float[] heading = new Float[n];
        Float[] altitude = new Float[n];
        Float[] accuracy = new Float[n];
        Double[] odometer = new Double[n];
        Float[] fuel = new Float[n];
        Float[] engineTemp = new Float[n];
        Integer[] rpm = new Integer[n];
        Float[] batteryV = new Float[n];
        Float[] batteryPct = new Float[n];
        Boolean[] ignition = new Boolean[n];
        Boolean[] harshBrake = new Boolean[n];
        Boolean[] harshAccel = new Boolean[n];
        String[] driver = new String[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            PositionReport r = p.report();
            device[i] = r.deviceId();
            fixTime[i] = micros(r.fixTime());
            vehicle[i] = p.vehicleId();
            received[i] = micros(p.receivedAt());
            lat[i] = r.latitude();
            lon[i] = r.longitude();
            speed[i] = toFloat(r.speedKmh());
            heading[i] = toFloat(r.heading());
            altitude[i] = toFloat(r.altitudeM());
            accuracy[i] = toFloat(r.accuracyM());
            odometer[i] = r.odometerKm();
            fuel[i] = toFloat(r.fuelPct());
            engineTemp[i] = toFloat(r.engineTempC());
            rpm[i] = r.rpm();
            batteryV[i] = toFloat(r.batteryV());
            batteryPct[i] = toFloat(r.batteryPct());
            ignition[i] = r.ignition();
            harshBrake[i] = r.harshBrake();
            harshAccel[i] = r.harshAccel();
            driver[i] = r.driverRef();
            attributes[i] = r.attributes().isEmpty() ? null : json(r.attributes());
        }
        return new Object[]{device, fixTime, vehicle, received, lat, lon, speed, heading, altitude, accuracy, odometer, fuel, engineTemp,
                rpm, batteryV, batteryPct, ignition, harshBrake, harshAccel, driver, attributes};
    }

    private static List<Pending> insertSkippingStored(Connection c, List<Pending> batch, Object[] columns) throws SQLException {
        int inserted;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int col = 0; col < columns.length; col++) {
                ps.setObject(col + 1, columns[col]);
            }
            inserted = ps.executeUpdate();
        }
        if (inserted == batch.size()) {
            return new ArrayList<>(batch); // nothing conflicts any more (the stored copy was removed meanwhile)
        }
        return storedByThisBatch(c, batch, (String[]) columns[0], (Long[]) columns[1]);
    }

    /**
     * The positions this batch stored, when some were not: a row stored now carries the receipt
     * time of its own request, a retried one the time of the earlier request (and of two copies
     * in one batch, the first counts).
     */
    private static List<Pending> storedByThisBatch(Connection c, List<Pending> batch, String[] devices, Long[] fixTimes) throws SQLException {
        Map<String, Instant> receivedAt = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STORED_AT)) {
            ps.setObject(1, devices);
            ps.setObject(2, fixTimes);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    receivedAt.put(key(rs.getString(1), micros(rs.getTimestamp(2).toInstant())), rs.getTimestamp(3).toInstant());
                }
            }
        }
        List<Pending> fresh = new ArrayList<>();
        for (Pending p : batch) {
            String key = key(p.report().deviceId(), micros(p.report().fixTime()));
            if (p.receivedAt().equals(receivedAt.get(key))) {
                fresh.add(p);
                receivedAt.remove(key);
            }
        }
        return fresh;
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
        List<Pending> newPositions = result.newPositions();
        if (newPositions.size() == batch.size()) {
            batch.forEach(p -> p.stored().complete(true)); // the usual case: no retries in the batch
        } else {
            Set<Pending> fresh = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            fresh.addAll(newPositions);
            for (Pending p : batch) {
                p.stored().complete(fresh.contains(p));
            }
        }
        stored.increment(newPositions.size());
        duplicates.increment(batch.size() - newPositions.size());
        if (newPositions.isEmpty()) {
            return;
        }
        mapFeed.offer(newPositions);
    }

    private static String key(String device, long fixMicros) {
        return device + '\u0000' + fixMicros;
    }

    static long micros(Instant time) {
        return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
    }

    static Float toFloat(Double d) {
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

    /**
     * Callers wait for their position without a timeout of their own (a timed wait per request costs
     * a timer each); this watchdog answers those still waiting after {@code fleetdesk.ingest.store-timeout-ms}
     * with 503, so trackers retry while the database is away. Their positions stay queued and are
     * stored once it is back; the retry then finds them stored.
     */
    private void expireWaiting() {
        while (running) {
            try {
                Thread.sleep(Math.min(500, Math.max(50, storeTimeout.toMillis() / 4)));
            } catch (InterruptedException e) {
                return;
            }
            Instant deadline = Instant.now().minus(storeTimeout);
            for (List<Pending> batch : inFlight.values()) {
                for (Pending p : batch) {
                    expireIfOlder(p, deadline);
                }
            }
            for (Pending p : queue) {
                expireIfOlder(p, deadline);
            }
        }
    }

    private static void expireIfOlder(Pending p, Instant deadline) {
        if (!p.stored().isDone() && p.receivedAt().isBefore(deadline)) {
            p.stored().completeExceptionally(new IngestRejected(503, "timeout", "storage is slow right now; retry shortly"));
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            workers.add(Thread.ofPlatform().name("position-writer-" + (i + 1)).start(this::drain));
        }
        watchdog = Thread.ofPlatform().daemon().name("position-writer-watchdog").start(this::expireWaiting);
    }

    @Override
    public void stop() {
        running = false;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        // A submit racing with the stop may have queued after the writer's last look: answer it too.
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new IngestRejected(503, "stopping", "server is shutting down, retry shortly"));
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
