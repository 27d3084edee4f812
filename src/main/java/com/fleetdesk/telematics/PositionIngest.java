package com.fleetdesk.telematics;

import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.VehicleChanged;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The single entry for positions from every protocol: maps the device to its vehicle, records
 * unknown devices for an administrator instead of dropping them silently, limits each device's
 * rate, and hands the position to the batched writer.
 */
@Service
@com.fleetdesk.base.security.SystemOperation("tracker ingest over HTTP and MQTT; devices are authorised by their registered device id")
public class PositionIngest {

    private final FleetDirectory fleet;
    private final PositionWriter writer;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    /** Each device's vehicle (empty: unknown) and its rate limit, found with one lookup per position. */
    private final Cache<String, Device> devices = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(5)).build();
    private final Cache<String, Boolean> recentlyRecordedUnknown = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    private final java.util.Map<String, io.micrometer.core.instrument.Counter> accepted = new java.util.concurrent.ConcurrentHashMap<>();
    private final double ratePerSecond;
    private final double burst;

    PositionIngest(FleetDirectory fleet, PositionWriter writer, JdbcClient jdbc, MeterRegistry meters,
                   @Value("${fleetdesk.ingest.device-rate-per-second:50}") double ratePerSecond,
                   @Value("${fleetdesk.ingest.device-burst:200}") double burst) {
        this.fleet = fleet;
        this.writer = writer;
        this.jdbc = jdbc;
        this.meters = meters;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /**
     * Accepts a parsed report. The future completes when the position is durably stored (true)
     * or was already stored (false, a tracker's retry); it fails with {@link IngestRejected}.
     */
    public CompletableFuture<Boolean> accept(PositionReport report, String protocol, java.util.function.Supplier<String> remoteAddress) {
        // getIfPresent first: a hit is the common case and much cheaper than get(key, loader)
        Device known = devices.getIfPresent(report.deviceId());
        if (known == null) {
            known = new Device(fleet.byTrackerDevice(report.deviceId()).orElse(null), new RateLimit(burst));
            devices.put(report.deviceId(), known);
        }
        FleetDirectory.TrackedVehicle vehicle = known.vehicle();
        if (vehicle == null) {
            recordUnknown(report.deviceId(), protocol, remoteAddress.get());
            throw rejected(new IngestRejected(400, "unknown_device", "unknown device " + report.deviceId()
                    + ": an administrator must fit it to a vehicle in Fleetdesk first"));
        }
        if (!known.limit().tryTake(ratePerSecond, burst, System.nanoTime())) {
            throw rejected(new IngestRejected(429, "rate_limited", "device " + report.deviceId() + " sends too fast; slow down"));
        }
        accepted.computeIfAbsent(protocol, pr -> meters.counter("fleetdesk.ingest.accepted", "protocol", pr)).increment();
        return writer.submit(report, vehicle, clock.instant());
    }

    /** Counts a refused request by reason (the metric behind the ingest dashboard) and returns it for throwing. */
    public IngestRejected rejected(IngestRejected rejection) {
        meters.counter("fleetdesk.ingest.rejected", "reason", rejection.metricReason()).increment();
        return rejection;
    }

    private void recordUnknown(String deviceId, String protocol, String remoteAddress) {
        if (recentlyRecordedUnknown.getIfPresent(deviceId) != null) {
            return;
        }
        recentlyRecordedUnknown.put(deviceId, true);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into unknown_device (device_id, protocol, first_seen_at, last_seen_at, reports, last_address)
                        values (?, ?, ?, ?, 1, ?)
                        on conflict (device_id) do update set last_seen_at = excluded.last_seen_at,
                            reports = unknown_device.reports + 1, protocol = excluded.protocol, last_address = excluded.last_address
                        """)
                .params(deviceId, protocol, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now),
                        remoteAddress == null ? null : remoteAddress.length() > 64 ? remoteAddress.substring(0, 64) : remoteAddress)
                .update();
    }

    /** A tracker fitted or removed from a vehicle takes effect at once, on every node. */
    @EventListener
    void onVehicleChanged(VehicleChanged event) {
        devices.invalidateAll();
    }

    /** Telemetry odometer and engine-hour readings move the vehicles' meters forward. */
    @EventListener
    void onStored(PositionWriter.StoredBatch batch) {
        Map<Long, Double> newest = new HashMap<>();
        for (var p : batch.newPositions()) {
            if (p.report().odometerKm() != null) {
                newest.merge(p.vehicleId(), p.report().odometerKm(), Math::max);
            }
        }
        if (!newest.isEmpty()) {
            fleet.advanceOdometers(newest);
        }
        Map<Long, Double> hours = new HashMap<>();
        for (var p : batch.newPositions()) {
            String reading = p.report().attributes().get(TrackerProtocols.ENGINE_HOURS);
            if (reading != null) {
                hours.merge(p.vehicleId(), Double.parseDouble(reading), Math::max);
            }
        }
        if (!hours.isEmpty()) {
            fleet.advanceEngineHours(hours);
        }
    }

    /**
     * A device as ingest knows it. The rate limit lives as long as the entry: it starts full again
     * when the entry is reloaded (every 5 minutes, or when a vehicle changes).
     */
    private record Device(FleetDirectory.TrackedVehicle vehicle, RateLimit limit) {
    }

    /** Token bucket per device. */
    private static final class RateLimit {
        private double tokens;
        private long lastNanos = System.nanoTime();

        RateLimit(double burst) {
            this.tokens = burst;
        }

        synchronized boolean tryTake(double ratePerSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
