package com.fleetdesk.analytics;

import com.fleetdesk.ExtraNode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Analytics benchmark: fills a persistent embedded database with trips (the trip benchmark's
 * generator), positions, alerts and stock-ledger rows (SQL {@code generate_series}), then times
 * every dashboard service call cold (caches emptied first, so the SQL runs) and cached.
 * Run it with {@code src/bin/bench analytics}; a rerun reuses the data.
 * <p>
 * System properties (sizes are configurable because the full set takes long to build on a
 * small machine): {@code bench.dataDir} (default {@code target/bench-analytics-pg}),
 * {@code bench.trips} (1,000,000), {@code bench.positions} (10,000,000), {@code bench.ledger}
 * (5,000,000), {@code bench.alerts} (200,000), {@code bench.positionDays} (90),
 * {@code bench.warmup} (3), {@code bench.runs} (20), {@code bench.twelveMonths} (false: also time a twelve-month range).
 */
public final class AnalyticsBenchmark {

    private static final double COLD_TARGET_MS = 500;
    private static final double CACHED_TARGET_MS = 50;
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;
    private final AnalyticsCaches caches;
    private final FleetAnalytics fleet;
    private final TripAnalytics trips;
    private final InventoryAnalytics inventory;
    private final int warmup = Integer.getInteger("bench.warmup", 3);
    private final int runs = Integer.getInteger("bench.runs", 20);
    private final List<String> summary = new ArrayList<>();

    private AnalyticsBenchmark(ConfigurableApplicationContext context) {
        jdbc = context.getBean(JdbcClient.class);
        caches = context.getBean(AnalyticsCaches.class);
        fleet = context.getBean(FleetAnalytics.class);
        trips = context.getBean(TripAnalytics.class);
        inventory = context.getBean(InventoryAnalytics.class);
    }

    public static void main(String[] args) {
        String dataDir = System.getProperty("bench.dataDir", "target/bench-analytics-pg");
        System.out.printf("Analytics benchmark: data in %s, %d cores, max heap %,d MB%n", dataDir,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        int exit = 0;
        try (ConfigurableApplicationContext context = ExtraNode.start(dataDir, "--fleetdesk.demo.enabled=true")) {
            AnalyticsBenchmark bench = new AnalyticsBenchmark(context);
            bench.loadTrips(context, Integer.getInteger("bench.trips", 1_000_000));
            bench.loadPositions(Long.getLong("bench.positions", 10_000_000L), Integer.getInteger("bench.positionDays", 90));
            bench.loadAlerts(Integer.getInteger("bench.alerts", 200_000));
            bench.loadLedger(Long.getLong("bench.ledger", 5_000_000L));
            bench.vacuum();
            bench.measure();
            bench.printSummary();
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static void signIn(String username, String authority) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(username, null, AuthorityUtils.createAuthorityList(authority)));
        SecurityContextHolder.setContext(context);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    // ---- data ----------------------------------------------------------------------------------

    /** Trips come from the trip benchmark's seeded generator (package-private in trips, so reached reflectively). */
    private void loadTrips(ConfigurableApplicationContext context, int wanted) throws Exception {
        long have = count("select count(*) from trip_log");
        if (have >= wanted) {
            System.out.printf("Trips: %,d present, reusing them%n", have);
            summary.add(String.format("data: %,d trips", have));
            return;
        }
        Class<?> type = Class.forName("com.fleetdesk.trips.TripHistoryGenerator");
        Object generator = context.getBean(type);
        Method generate = type.getDeclaredMethod("generate", int.class, java.util.random.RandomGenerator.class, LocalDate.class);
        generate.setAccessible(true);
        long started = System.nanoTime();
        int missing = (int) (wanted - have);
        System.out.printf("Trips: %,d present, generating %,d more%n", have, missing);
        generate.invoke(generator, missing, new SplittableRandom(Long.getLong("bench.seed", 20261122L) ^ have), LocalDate.of(2026, 11, 1));
        System.out.printf("  %,d trips in %.1f s%n", missing, (System.nanoTime() - started) / 1e9);
        summary.add(String.format("data: %,d trips", count("select count(*) from trip_log")));
    }

    /**
     * Positions of every vehicle over the last {@code days} days (daily partitions), every 30 s
     * from 06:00, as many per vehicle and day as it takes to reach {@code wanted}.
     */
    private void loadPositions(long wanted, int days) {
        long have = count("select count(*) from vehicle_position");
        // Whole positions per vehicle and day round the total down a little: within 1 % counts as loaded.
        if (have >= wanted * 0.99) {
            System.out.printf("Positions: %,d present, reusing them%n", have);
            summary.add(String.format("data: %,d positions", have));
            return;
        }
        jdbc.sql("select fleetdesk_prepare_position_partitions(:back, 7)").param("back", days + 1).query(Integer.class).single();
        long vehicles = count("select count(*) from vehicle");
        long perVehicleDay = Math.max(1, (wanted - have) / (vehicles * days));
        System.out.printf("Positions: %,d present, writing %,d per vehicle and day for %d vehicles over %d days%n", have, perVehicleDay,
                vehicles, days);
        long started = System.nanoTime();
        for (int day = 1; day <= days; day++) {
            // One statement per day: each fills one partition.
            jdbc.sql("""
                    insert into vehicle_position (device_id, fix_time, vehicle_id, received_at, latitude, longitude, speed_kmh, heading,
                                                  odometer_km, fuel_pct, ignition, harsh_brake, harsh_accel)
                    select 'bench-' || v.id, f.t, v.id, f.t, 53.4 + (v.id % 20) * 0.01 + sin(k / 50.0) * 0.05,
                           -2.3 + (v.id % 17) * 0.01 + cos(k / 50.0) * 0.05,
                           case when (k + v.id) % 11 = 0 then 0 else 20 + ((k * 7 + v.id) % 80) end, (k * 3) % 360,
                           10000 + k * 0.25, 80 - (k % 60), true, (k + v.id) % 997 = 0, (k + v.id) % 991 = 0
                      from vehicle v
                     cross join generate_series(0, :n - 1) k
                     cross join lateral (select (current_date - :day + time '06:00')::timestamp at time zone 'Europe/London'
                                                + k * interval '30 seconds' as t) f
                    on conflict do nothing
                    """).param("n", perVehicleDay).param("day", day).update();
            if (day % 10 == 0 || day == days) {
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("  day %3d of %d, %6.1f s%n", day, days, s);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = count("select count(*) from vehicle_position");
        System.out.printf("Loaded positions: %,d in total, %.1f s%n", total, seconds);
        summary.add(String.format("data: %,d positions (loaded in %.0f s)", total, seconds));
    }

    /** Resolved alerts over the trip history, mostly driving events, so safety scores have data. */
    private void loadAlerts(int wanted) {
        long have = count("select count(*) from vehicle_alert");
        if (have < wanted) {
            long started = System.nanoTime();
            jdbc.sql("""
                    insert into vehicle_alert (vehicle_id, vehicle_registration, depot_id, kind, severity, message, status, raised_at)
                    select v.id, v.registration, v.depot_id,
                           (array['HARSH_BRAKING','HARSH_ACCELERATION','OVERSPEED','OVERSPEED','LOW_FUEL','ENGINE_OVERHEAT'])[1 + i % 6],
                           (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + (i / 7) % 4], 'Benchmark alert', 'RESOLVED',
                           timestamptz '2024-11-01 00:00+00' + (i * 104729 % 63072000) * interval '1 second'
                      from generate_series(1, :n) i
                      join lateral (select id, registration, depot_id from vehicle order by id offset (i % (select count(*) from vehicle)) limit 1) v on true
                    """).param("n", wanted - have).update();
            System.out.printf("Alerts: %,d written in %.1f s%n", wanted - have, (System.nanoTime() - started) / 1e9);
        }
        summary.add(String.format("data: %,d alerts", count("select count(*) from vehicle_alert")));
    }

    /** Receipts and issues over two years for random parts and locations (quantities only; stock levels are left as they are). */
    private void loadLedger(long wanted) {
        long have = count("select count(*) from stock_movement");
        if (have < wanted) {
            long missing = wanted - have;
            long started = System.nanoTime();
            long chunk = 1_000_000;
            for (long done = 0; done < missing; done += chunk) {
                long n = Math.min(chunk, missing - done);
                jdbc.sql("""
                        with p as (select array_agg(id order by id) ids from part), l as (select array_agg(id order by id) ids from stock_location)
                        insert into stock_movement (part_id, location_id, movement_type, quantity, reference, username, moved_at)
                        select p.ids[1 + (i * 7919) % array_length(p.ids, 1)], l.ids[1 + (i * 31) % array_length(l.ids, 1)],
                               case when i % 5 = 0 then 'RECEIPT' else 'ISSUE' end,
                               case when i % 5 = 0 then 10 + i % 40 else -(1 + i % 4) end, 'BENCH', 'bench',
                               now() - ((i * 15485863) % 63072000) * interval '1 second'
                          from generate_series(:from, :to) i, p, l
                        """).param("from", have + done + 1).param("to", have + done + n).update();
                System.out.printf("  ledger %,d / %,d rows, %.1f s%n", done + n, missing, (System.nanoTime() - started) / 1e9);
            }
        }
        summary.add(String.format("data: %,d stock movements", count("select count(*) from stock_movement")));
    }

    private void vacuum() {
        long started = System.nanoTime();
        // The rollups too: their index-only scans need the visibility map a vacuum sets.
        jdbc.sql("vacuum analyze trip_log, trip_expense, vehicle_alert, vehicle_position, stock_movement, stock_level, trip_day, stock_issue_day")
                .update();
        System.out.printf("VACUUM ANALYZE: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    // ---- measurements --------------------------------------------------------------------------

    private record Timing(String call, double coldP50, double coldP95, double cachedP50, double cachedP95) {
    }

    private void measure() {
        LocalDate today = LocalDate.now(ZONE);
        long depot = count("select min(id) from depot");
        AnalyticsFilter threeMonths = AnalyticsFilter.lastThreeMonths(today);
        AnalyticsFilter year = new AnalyticsFilter(today.minusYears(1).plusDays(1), today, null);

        signIn("admin", "ROLE_ADMIN");
        summary.add("load average before measuring: " + loadAverage());
        table("Dashboard calls as the administrator, all depots, " + threeMonths.from() + " to " + threeMonths.to(), threeMonths, true);
        table("One depot, the same three months", threeMonths.withDepot(depot), true);
        if (Boolean.getBoolean("bench.twelveMonths")) {
            table("All depots, twelve months (not a target)", year, false);
        }
        summary.add("load average after measuring: " + loadAverage());
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), so a reader can judge the cold figures. */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min, " + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void table(String title, AnalyticsFilter filter, boolean targeted) {
        Map<String, Supplier<?>> calls = new LinkedHashMap<>();
        calls.put("fleet.utilisation", () -> fleet.utilisation(filter));
        calls.put("fleet.vehicleCosts", () -> fleet.vehicleCosts(filter));
        calls.put("fleet.monthly", () -> fleet.monthly(filter));
        calls.put("fleet.alerts", () -> fleet.alerts(filter));
        calls.put("fleet.driverSafety", () -> fleet.driverSafety(filter));
        calls.put("trips.spend", () -> trips.spend(filter));
        calls.put("trips.turnaround", () -> trips.turnaround(filter));
        calls.put("trips.policyViolations", () -> trips.policyViolations(filter));
        calls.put("trips.violationsByRule", () -> trips.violationsByRule(filter));
        calls.put("inventory.value", () -> inventory.value(filter));
        calls.put("inventory.turnover", () -> inventory.turnover(filter));
        calls.put("inventory.stockOuts", () -> inventory.stockOuts(filter));
        calls.put("inventory.topMovers", () -> inventory.topMovers(filter));
        calls.put("inventory.weeklyIssues", () -> inventory.weeklyIssues(filter));

        System.out.printf("%n%s (%d warm-up, %d measured runs)%n", title, warmup, runs);
        System.out.printf("%-26s %10s %10s %12s %12s%n", "call", "cold p50", "cold p95", "cached p50", "cached p95");
        double worstCold = 0;
        double worstCached = 0;
        for (var call : calls.entrySet()) {
            Timing t = time(call.getKey(), call.getValue());
            worstCold = Math.max(worstCold, t.coldP95());
            worstCached = Math.max(worstCached, t.cachedP95());
            System.out.printf("%-26s %8.1f ms %8.1f ms %10.3f ms %10.3f ms%n", t.call(), t.coldP50(), t.coldP95(), t.cachedP50(), t.cachedP95());
        }
        if (targeted) {
            summary.add(String.format("%-45s worst cold p95 %7.1f ms (target < %.0f) %s; worst cached p95 %6.3f ms (target < %.0f) %s",
                    title.length() > 45 ? title.substring(0, 45) : title, worstCold, COLD_TARGET_MS,
                    worstCold < COLD_TARGET_MS ? "PASS" : "FAIL", worstCached, CACHED_TARGET_MS,
                    worstCached < CACHED_TARGET_MS ? "PASS" : "FAIL"));
        }
    }

    private Timing time(String name, Supplier<?> call) {
        for (int i = 0; i < warmup; i++) {
            caches.evictAll();
            call.get();
        }
        double[] cold = new double[runs];
        for (int i = 0; i < runs; i++) {
            caches.evictAll();
            long started = System.nanoTime();
            call.get();
            cold[i] = (System.nanoTime() - started) / 1e6;
        }
        double[] cached = new double[runs];
        call.get();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            call.get();
            cached[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(cold);
        Arrays.sort(cached);
        return new Timing(name, percentile(cold, 50), percentile(cold, 95), percentile(cached, 50), percentile(cached, 95));
    }

    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private void printSummary() {
        System.out.printf("%nSummary%n");
        summary.forEach(s -> System.out.println("  " + s));
    }
}
