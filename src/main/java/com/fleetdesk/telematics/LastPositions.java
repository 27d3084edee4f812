package com.fleetdesk.telematics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code vehicle_last_position} (what the map and the offline check read first) current:
 * each vehicle's newest stored fix, written at most every {@code fleetdesk.ingest.last-position-interval-ms}
 * (default 500 ms) rather than with every batch, so a vehicle reporting many times a second costs
 * one row update per round. The positions themselves are already durable when this runs; a node
 * that stops between a commit and the next round leaves a last position up to one round old, which
 * {@link #repairFromPositions} puts right at the next start.
 */
@Component
class LastPositions {

    private static final Logger log = LoggerFactory.getLogger(LastPositions.class);

    private static final String INSERT = """
            insert into vehicle_last_position (vehicle_id, device_id, fix_time, received_at, latitude, longitude, speed_kmh,
                   heading, fuel_pct, battery_v, ignition, odometer_km)
            """;

    /** Only a newer fix replaces a vehicle's last position; values the newer one lacks are kept. */
    private static final String KEEP_NEWEST = """
            on conflict (vehicle_id) do update set device_id = excluded.device_id, fix_time = excluded.fix_time,
                   received_at = excluded.received_at, latitude = excluded.latitude, longitude = excluded.longitude,
                   speed_kmh = excluded.speed_kmh, heading = excluded.heading,
                   fuel_pct = coalesce(excluded.fuel_pct, vehicle_last_position.fuel_pct),
                   battery_v = coalesce(excluded.battery_v, vehicle_last_position.battery_v),
                   ignition = coalesce(excluded.ignition, vehicle_last_position.ignition),
                   odometer_km = coalesce(excluded.odometer_km, vehicle_last_position.odometer_km)
             where excluded.fix_time > vehicle_last_position.fix_time
            """;

    private static final String UPSERT = INSERT + """
            select v, d, timestamptz 'epoch' + f * interval '1 microsecond', timestamptz 'epoch' + r * interval '1 microsecond',
                   la, lo, sp, he, fu, bv, ig, od
              from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::float4[],
                          ?::float4[], ?::float4[], ?::float4[], ?::bool[], ?::float8[])
                   as t(v, d, f, r, la, lo, sp, he, fu, bv, ig, od)
            """ + KEEP_NEWEST;

    /** Each vehicle's newest position of the last two days, for positions stored just before a stop. */
    private static final String REPAIR = INSERT + """
            select v.id, p.device_id, p.fix_time, p.received_at, p.latitude, p.longitude, p.speed_kmh, p.heading, p.fuel_pct,
                   p.battery_v, p.ignition, p.odometer_km
              from vehicle v
              cross join lateral (select * from vehicle_position p where p.vehicle_id = v.id and p.fix_time > ?
                                   order by p.fix_time desc limit 1) p
            """ + KEEP_NEWEST;

    private final JdbcClient jdbc;
    private final PositionRounds rounds;
    private final Clock clock = Clock.systemUTC();

    LastPositions(JdbcClient jdbc, @Value("${fleetdesk.ingest.last-position-interval-ms:500}") long intervalMs) {
        this.jdbc = jdbc;
        this.rounds = new PositionRounds("last-positions", Duration.ofMillis(intervalMs), this::update);
    }

    @EventListener
    void onStored(PositionWriter.StoredBatch batch) {
        rounds.add(batch.newPositions());
    }

    @EventListener(ApplicationReadyEvent.class)
    void repairAtStart() {
        rounds.execute(() -> {
            int repaired = repairFromPositions();
            if (repaired > 0) {
                log.info("Last positions: {} vehicles brought up to their newest stored position", repaired);
            }
        });
    }

    /** Returns the number of vehicles whose last position was behind their newest stored one. */
    int repairFromPositions() {
        return jdbc.sql(REPAIR).param(Timestamp.from(clock.instant().minus(Duration.ofDays(2)))).update();
    }

    /** Used by tests to wait until every stored position has reached the last positions. */
    void awaitIdle() throws InterruptedException {
        rounds.awaitIdle();
    }

    void update(List<PositionWriter.Pending> stored) {
        // Only each vehicle's newest fix of the round can become its last position.
        Map<Long, PositionWriter.Pending> newestByVehicle = new HashMap<>();
        for (PositionWriter.Pending p : stored) {
            PositionWriter.Pending current = newestByVehicle.get(p.vehicleId());
            if (current == null || p.report().fixTime().isAfter(current.report().fixTime())) {
                newestByVehicle.put(p.vehicleId(), p);
            }
        }
        int n = newestByVehicle.size();
        Long[] vehicle = new Long[n];
        String[] device = new String[n];
        Long[] fixTime = new Long[n];
        Long[] received = new Long[n];
        Double[] lat = new Double[n];
        Double[] lon = new Double[n];
        Float[] speed = new Float[n];
        Float[] heading = new Float[n];
        Float[] fuel = new Float[n];
        Float[] batteryV = new Float[n];
        Boolean[] ignition = new Boolean[n];
        Double[] odometer = new Double[n];
        int i = 0;
        for (PositionWriter.Pending p : newestByVehicle.values()) {
            PositionReport r = p.report();
            vehicle[i] = p.vehicleId();
            device[i] = r.deviceId();
            fixTime[i] = PositionWriter.micros(r.fixTime());
            received[i] = PositionWriter.micros(p.receivedAt());
            lat[i] = r.latitude();
            lon[i] = r.longitude();
            speed[i] = PositionWriter.toFloat(r.speedKmh());
            heading[i] = PositionWriter.toFloat(r.heading());
            fuel[i] = PositionWriter.toFloat(r.fuelPct());
            batteryV[i] = PositionWriter.toFloat(r.batteryV());
            ignition[i] = r.ignition();
            odometer[i] = r.odometerKm();
            i++;
        }
        Object[] columns = {vehicle, device, fixTime, received, lat, lon, speed, heading, fuel, batteryV, ignition, odometer};
        try {
            jdbc.sql(UPSERT).params(columns).update();
        } catch (org.springframework.dao.DataAccessException e) {
            // The database is away (the writer is retrying too): try these again next round.
            log.warn("Updating {} last positions failed ({}); retrying", n, e.getMessage());
            rounds.add(List.copyOf(newestByVehicle.values()));
        }
    }

}
