package com.fleetdesk.trips;

import com.fleetdesk.ExtraNode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Trip-log benchmark: fills a persistent embedded database with {@code bench.trips} trips
 * (default 1,000,000; a rerun reuses them), then times what the trip grid and the export do,
 * through {@link TripLogService} as the demo administrator. Run it with {@code src/bin/bench trips}.
 * <p>
 * System properties: {@code bench.dataDir} (default {@code target/bench-pg}), {@code bench.trips},
 * {@code bench.seed}, {@code bench.warmup} (10), {@code bench.runs} (50), {@code bench.exportRows} (100,000).
 */
public final class TripLogBenchmark {

    private static final double PAGE_TARGET_MS = 100;
    private static final double HEAP_TARGET_MB = 64;
    private static final LocalDate TODAY = TripDemoData.REFERENCE_DATE;

    private record Timing(String name, boolean targeted, int rows, double p50, double p95, double max) {
    }

    private final TripLogService service;
    private final JdbcClient jdbc;
    private final int warmup = Integer.getInteger("bench.warmup", 10);
    private final int runs = Integer.getInteger("bench.runs", 50);
    private final List<String> summary = new ArrayList<>();

    private TripLogBenchmark(ConfigurableApplicationContext context) {
        this.service = context.getBean(TripLogService.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    public static void main(String[] args) throws Exception {
        String dataDir = System.getProperty("bench.dataDir", "target/bench-pg");
        int wanted = Integer.getInteger("bench.trips", 1_000_000);
        System.out.printf("Trip-log benchmark: %,d trips, data in %s, %d cores, max heap %,d MB%n", wanted, dataDir,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        int exit = 0;
        try (ConfigurableApplicationContext context = ExtraNode.start(dataDir, "--fleetdesk.demo.enabled=true")) {
            TripLogBenchmark bench = new TripLogBenchmark(context);
            bench.load(context.getBean(TripHistoryGenerator.class), wanted);
            bench.vacuum();
            signIn("admin", "ROLE_ADMIN");
            bench.pages();
            bench.export(context.getBean(TripExport.class), Integer.getInteger("bench.exportRows", 100_000));
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

    // ---- data ----------------------------------------------------------------------------------

    private void load(TripHistoryGenerator generator, int wanted) {
        long have = count("select count(*) from trip_log");
        if (have >= wanted) {
            System.out.printf("%nData: %,d trips already loaded, reusing them%n", have);
        } else {
            int missing = (int) (wanted - have);
            System.out.printf("%nData: %,d trips present, generating %,d more%n", have, missing);
            long expensesBefore = count("select count(*) from trip_expense");
            long seed = Long.getLong("bench.seed", 20261122L) ^ have;
            long started = System.nanoTime();
            int written = generator.generate(missing, new SplittableRandom(seed), TODAY, (n, total) -> {
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("  %,9d / %,d trips  %6.1f s  %,8.0f trips/s%n", n, total, s, n / s);
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            long expenses = count("select count(*) from trip_expense") - expensesBefore;
            System.out.printf("Loaded %,d trips and %,d expenses in %.1f s: %,.0f trips/s%n", written, expenses, seconds, written / seconds);
            summary.add(String.format("load: %,d trips + %,d expenses in %.1f s (%,.0f trips/s)", written, expenses, seconds, written / seconds));
        }
    }

    private void vacuum() {
        long started = System.nanoTime();
        jdbc.sql("vacuum analyze trip_log, trip_expense").update();
        System.out.printf("VACUUM ANALYZE trip_log, trip_expense: %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.printf("trip_log %,d rows, %s (indexes %s); trip_expense %,d rows, %s%n",
                count("select count(*) from trip_log"),
                jdbc.sql("select pg_size_pretty(pg_total_relation_size('trip_log'))").query(String.class).single(),
                jdbc.sql("select pg_size_pretty(pg_indexes_size('trip_log'))").query(String.class).single(),
                count("select count(*) from trip_expense"),
                jdbc.sql("select pg_size_pretty(pg_total_relation_size('trip_expense'))").query(String.class).single());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    // ---- grid pages ----------------------------------------------------------------------------

    private void pages() {
        long depot = count("select min(id) from depot");
        List<TripSort> newest = List.of(TripSort.newestFirst());
        TripFilter none = TripFilter.none();
        TripFilter filtered = new TripFilter(TODAY.minusMonths(3), TODAY.minusDays(1), Set.of(TripStatus.SUBMITTED, TripStatus.APPROVED),
                null, null, depot, null);
        TripFilter search = new TripFilter(null, null, Set.of(), null, null, null, "delivery bolton");
        TripFilter broadSearch = new TripFilter(null, null, Set.of(), null, null, null, "delivery");

        List<Timing> timings = new ArrayList<>();
        timings.add(time("(a) first page, newest first", true, () -> service.page(none, newest, 0, 50)));
        timings.add(time("(b) 2 statuses + 3 months + 1 depot", true, () -> service.page(filtered, newest, 0, 50)));
        timings.add(time("(c) text \"delivery bolton\"", true, () -> service.page(search, newest, 0, 50)));
        timings.add(time("(d) sort by cost, descending", true,
                () -> service.page(none, List.of(new TripSort(TripSort.Column.TOTAL_COST, true)), 0, 50)));
        timings.add(time("(e) deep page, offset 5000", false, () -> service.page(none, newest, 5000, 50)));
        timings.add(time("(i) text \"delivery\" (broad)", false, () -> service.page(broadSearch, newest, 0, 50)));
        timings.add(time("(i) text \"commute delivery\" (rare pair)", false,
                () -> service.page(new TripFilter(null, null, Set.of(), null, null, null, "commute delivery"), newest, 0, 50)));
        timings.add(time("(i) sort by distance, descending", false,
                () -> service.page(none, List.of(new TripSort(TripSort.Column.DISTANCE, true)), 0, 50)));
        timings.add(time("(i) sort by driver", false,
                () -> service.page(none, List.of(new TripSort(TripSort.Column.DRIVER, false)), 0, 50)));
        long vehicle = count("select min(id) from vehicle");
        timings.add(time("(i) 1 vehicle, sort by cost", false,
                () -> service.page(new TripFilter(null, null, Set.of(), vehicle, null, null, null),
                        List.of(new TripSort(TripSort.Column.TOTAL_COST, true)), 0, 50)));
        signIn("manager", "ROLE_FLEET_MANAGER");
        try {
            timings.add(time("(i) first page as depot manager", false, () -> service.page(none, newest, 0, 50)));
        } finally {
            signIn("admin", "ROLE_ADMIN");
        }

        System.out.printf("%nGrid pages through TripLogService.page (50 rows; %d warm-up, %d measured runs)%n", warmup, runs);
        System.out.printf("%-40s %5s %8s %8s %8s%n", "query", "rows", "p50 ms", "p95 ms", "max ms");
        for (Timing t : timings) {
            System.out.printf("%-40s %5d %8.1f %8.1f %8.1f%n", t.name(), t.rows(), t.p50(), t.p95(), t.max());
            if (t.targeted()) {
                summary.add(String.format("%-40s p95 %7.1f ms  (target < %.0f ms)  %s", t.name(), t.p95(), PAGE_TARGET_MS,
                        t.p95() < PAGE_TARGET_MS ? "PASS" : "FAIL"));
            }
        }
    }

    private Timing time(String name, boolean targeted, Supplier<List<TripRow>> query) {
        int rows = 0;
        for (int i = 0; i < warmup; i++) {
            rows = query.get().size();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            rows = query.get().size();
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(name, targeted, rows, percentile(ms, 50), percentile(ms, 95), ms[ms.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    // ---- export --------------------------------------------------------------------------------

    private void export(TripExport exporter, int minimumRows) throws Exception {
        TripFilter filter = TripFilter.none();
        long rows = service.count(filter);
        for (int months = 1; months <= 24; months++) {
            TripFilter candidate = new TripFilter(TODAY.minusMonths(months), TODAY.minusDays(1), Set.of(), null, null, null, null);
            long n = service.count(candidate);
            if (n >= minimumRows) {
                filter = candidate;
                rows = n;
                break;
            }
        }
        System.out.printf("%nExport through TripExport (TripLogService.forEach) to a null stream: %,d rows (trips from %s)%n", rows,
                filter.from() == null ? "any date" : filter.from());
        for (TripExport.Format format : TripExport.Format.values()) {
            exportAs(exporter, format, filter);
        }
    }

    private void exportAs(TripExport exporter, TripExport.Format format, TripFilter filter) throws Exception {
        List<TripSort> newest = List.of(TripSort.newestFirst());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        // Pass 1: throughput, with the heap sampled every 5 ms (this includes garbage not yet collected).
        settle(memory);
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
        SamplingStream out = new SamplingStream(null, 0);
        long started = System.nanoTime();
        long rows = exporter.write(filter, newest, format, out);
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.shutdown();
        sampler.awaitTermination(1, TimeUnit.SECONDS);
        double rawGrowth = mb(peak.get() - baseline);

        // Pass 2: what the export retains: a full GC after every 2 MB (CSV) or 256 kB (zipped Excel) written, then the heap in use.
        settle(memory);
        baseline = memory.getHeapMemoryUsage().getUsed();
        SamplingStream sampled = new SamplingStream(memory, format == TripExport.Format.CSV ? 2 << 20 : 256 << 10);
        exporter.write(filter, newest, format, sampled);
        double retainedGrowth = mb(sampled.maxUsed - baseline);

        System.out.printf("  %-5s %,d rows, %,d bytes in %.2f s = %,.0f rows/s; heap growth after GC max %.1f MB (%d samples),"
                        + " raw peak %.1f MB (uncollected garbage included)%n",
                format, rows, out.count, seconds, rows / seconds, retainedGrowth, sampled.samples, rawGrowth);
        String name = "export " + format.name().toLowerCase(Locale.ROOT);
        summary.add(String.format("%-40s %,7.0f rows/s (%,d rows, %.1f s)", name + " throughput", rows / seconds, rows, seconds));
        summary.add(String.format("%-40s %7.1f MB  (target < %.0f MB)  %s", name + " heap growth (after GC)", retainedGrowth, HEAP_TARGET_MB,
                retainedGrowth < HEAP_TARGET_MB ? "PASS" : "FAIL"));
        summary.add(String.format("%-40s %7.1f MB  (info: young-generation garbage included)", name + " peak heap growth (raw)", rawGrowth));
    }

    private static void settle(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
    }

    private static double mb(long bytes) {
        return Math.max(0, bytes) / (1024.0 * 1024.0);
    }

    /** Discards what is written, counting bytes; optionally collects garbage and samples the heap every {@code every} bytes. */
    private static final class SamplingStream extends OutputStream {
        private final MemoryMXBean memory;
        private final long every;
        private long next;
        long count;
        long maxUsed;
        int samples;

        SamplingStream(MemoryMXBean memory, long every) {
            this.memory = memory;
            this.every = every;
            this.next = every;
        }

        @Override
        public void write(int b) {
            advance(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            advance(len);
        }

        private void advance(long n) {
            count += n;
            if (memory != null && count >= next) {
                next += every;
                memory.gc();
                maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
                samples++;
            }
        }
    }

    private void printSummary() {
        System.out.printf("%nSummary%n");
        summary.forEach(line -> System.out.println("  " + line));
        System.out.println();
    }

    static {
        Locale.setDefault(Locale.UK);
    }
}
