package com.fleetdesk.inventory;

import com.fleetdesk.ExtraNode;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import javax.sql.DataSource;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Inventory benchmark: fills a persistent embedded database with {@code bench.parts} parts
 * (default 100,000) stocked at 10 locations and 5 ledger rows per stock line (5,000,000 at the
 * default size; levels equal the ledger sums), then times stock grid pages (plain and filtered by
 * status, category, location and text) through {@link StockService}, and issuing through
 * {@link StockLedger} with {@code bench.workers} (8) concurrent workers, and finally checks every
 * stock level against its ledger. Run it with {@code src/bin/bench inventory}.
 * <p>
 * System properties: {@code bench.dataDir} (default {@code target/bench-inventory-pg}), {@code bench.parts},
 * {@code bench.warmup} (5), {@code bench.runs} (40), {@code bench.workers} (8), {@code bench.issues} (2,000 per worker), {@code bench.issueWarmup} (200 per worker, not measured).
 */
public final class InventoryBenchmark {

    private static final int LOCATIONS = 10;
    private static final int MOVEMENTS_PER_LINE = 5;
    private static final double PAGE_TARGET_MS = 100;
    private static final double ISSUE_TARGET_PER_S = 1000;
    private static final String[] WORDS = {"brake", "pad", "disc", "filter", "oil", "air", "fuel", "cabin", "belt", "tyre", "wiper", "bulb",
            "battery", "clutch", "shock", "spring", "hose", "clamp", "sensor", "pump", "gasket", "seal", "bearing", "bush", "mirror", "lamp"};

    private record Timing(String name, int rows, double p50, double p95, double max) {

        boolean targeted() {
            return !name.startsWith("(x)");
        }
    }

    private final StockService stock;
    private final StockLedger ledger;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final int warmup = Integer.getInteger("bench.warmup", 5);
    private final int runs = Integer.getInteger("bench.runs", 40);
    private final List<String> summary = new ArrayList<>();
    private BenchCpu cpu;

    private InventoryBenchmark(ConfigurableApplicationContext context) {
        this.stock = context.getBean(StockService.class);
        this.ledger = context.getBean(StockLedger.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.dataSource = context.getBean(DataSource.class);
    }

    public static void main(String[] args) throws Exception {
        String dataDir = System.getProperty("bench.dataDir", "target/bench-inventory-pg");
        int parts = Integer.getInteger("bench.parts", 100_000);
        System.out.printf("Inventory benchmark: %,d parts x %d locations, %,d ledger rows, data in %s, %d cores, max heap %,d MB%n",
                parts, LOCATIONS, (long) parts * LOCATIONS * MOVEMENTS_PER_LINE, dataDir, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        int exit = 0;
        try (ConfigurableApplicationContext context = ExtraNode.start(dataDir, "--fleetdesk.demo.enabled=false")) {
            InventoryBenchmark bench = new InventoryBenchmark(context);
            signIn("bench-warehouse", "ROLE_WAREHOUSE");
            bench.load(parts);
            bench.pages();
            bench.cpu = new BenchCpu(java.nio.file.Path.of(dataDir));
            bench.issuing(Integer.getInteger("bench.workers", 8), Integer.getInteger("bench.issues", 2_000));
            bench.checkLedger();
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

    // ---- data ------------------------------------------------------------------------------

    private void load(int wanted) throws Exception {
        long have = count("select count(*) from part where part_number like 'BP-%'");
        if (have >= wanted) {
            System.out.printf("%nData: %,d bench parts already loaded, reusing them%n", have);
        } else {
            if (have > 0) {
                throw new IllegalStateException("The database holds " + have + " bench parts, fewer than " + wanted
                        + ": use another -Dbench.dataDir for another size");
            }
            long started = System.nanoTime();
            jdbc.sql("""
                    insert into part_category (name, parent_id, created_at, updated_at)
                    select 'Bench group ' || g, null, now(), now() from generate_series(1, 10) g
                    """).update();
            jdbc.sql("""
                    insert into part_category (name, parent_id, created_at, updated_at)
                    select 'Bench sub ' || r.id || '.' || g, r.id, now(), now() from part_category r cross join generate_series(1, 5) g
                     where r.name like 'Bench group %'
                    """).update();
            jdbc.sql("""
                    insert into stock_location (kind, name, region, created_at, updated_at)
                    select case when g = 1 then 'WAREHOUSE' else 'SERVICE_CENTRE' end, 'Bench location ' || g, 'Bench', now(), now()
                      from generate_series(1, ?) g
                    """).param(LOCATIONS).update();
            long[] subs = jdbc.sql("select id from part_category where name like 'Bench sub %' order by id").query(Long.class).list()
                    .stream().mapToLong(Long::longValue).toArray();
            copyParts(wanted, subs);
            System.out.printf("Parts: %,d copied in %.1f s%n", wanted, (System.nanoTime() - started) / 1e9);

            long levelsStarted = System.nanoTime();
            jdbc.sql("""
                    insert into stock_level (part_id, location_id, reorder_point, critical_point, max_level, bin, created_at, updated_at)
                    select p.id, s.id, 10 + (p.id + s.id) % 30, (10 + (p.id + s.id) % 30) / 3, 200, 'B' || (p.id % 400), now(), now()
                      from part p cross join stock_location s where p.part_number like 'BP-%' and s.name like 'Bench location %'
                    """).update();
            System.out.printf("Stock levels: %,d in %.1f s%n", count("select count(*) from stock_level"), (System.nanoTime() - levelsStarted) / 1e9);

            // Five ledger rows per line: a receipt and four issues over the last 60 days; every 50th line ends out of stock, others critical or low.
            List<Long> locations = jdbc.sql("select id from stock_location where name like 'Bench location %' order by id").query(Long.class).list();
            long ledgerStarted = System.nanoTime();
            for (long location : locations) {
                long t = System.nanoTime();
                jdbc.sql("""
                        insert into stock_movement (part_id, location_id, movement_type, quantity, reference, username, moved_at)
                        select l.part_id, l.location_id,
                               case when g = 1 then 'RECEIPT' else 'ISSUE' end,
                               case when g = 1 then 4 + (l.id % 5) + ((l.id * 3) % 5) + ((l.id * 7) % 5) + ((l.id * 11) % 5)
                                                    + case when l.id % 50 = 0 then 0 when l.id % 50 = 25 then 2 when l.id % 10 = 3 then 9
                                                           else 40 + l.id % 100 end
                                    when g = 2 then -(1 + l.id % 5) when g = 3 then -(1 + (l.id * 3) % 5)
                                    when g = 4 then -(1 + (l.id * 7) % 5) else -(1 + (l.id * 11) % 5) end,
                               case when g = 1 then 'PO-BENCH' else 'WO-BENCH' end, 'bench',
                               now() - make_interval(days => 60 - g * 10 + (l.id % 7)::int)
                          from stock_level l cross join generate_series(1, 5) g where l.location_id = ?
                        """).param(location).update();
                System.out.printf("  ledger for location %d: %.1f s%n", location, (System.nanoTime() - t) / 1e9);
            }
            jdbc.sql("""
                    update stock_level l set on_hand = m.total
                      from (select part_id, location_id, sum(quantity) as total from stock_movement where username = 'bench'
                             group by part_id, location_id) m
                     where l.part_id = m.part_id and l.location_id = m.location_id
                    """).update();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Ledger: %,d rows in %.1f s; total load %.1f s%n", count("select count(*) from stock_movement"),
                    (System.nanoTime() - ledgerStarted) / 1e9, seconds);
            summary.add(String.format("load: %,d parts, %,d stock lines, %,d ledger rows in %.0f s", wanted,
                    count("select count(*) from stock_level"), count("select count(*) from stock_movement"), seconds));
            long vacuum = System.nanoTime();
            jdbc.sql("vacuum analyze part, part_category, stock_location, stock_level, stock_movement, stock_lot").update();
            System.out.printf("VACUUM ANALYZE: %.1f s%n", (System.nanoTime() - vacuum) / 1e9);
        }
        System.out.printf("stock_level %,d rows (%s), stock_movement %,d rows (%s)%n", count("select count(*) from stock_level"),
                jdbc.sql("select pg_size_pretty(pg_total_relation_size('stock_level'))").query(String.class).single(),
                count("select count(*) from stock_movement"),
                jdbc.sql("select pg_size_pretty(pg_total_relation_size('stock_movement'))").query(String.class).single());
    }

    private void copyParts(int n, long[] categories) throws Exception {
        SplittableRandom random = new SplittableRandom(20261122L);
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder batch = new StringBuilder(1 << 20);
            for (int i = 1; i <= n; i++) {
                String name = cap(WORDS[random.nextInt(WORDS.length)]) + " " + WORDS[random.nextInt(WORDS.length)] + " " + (100 + random.nextInt(900));
                batch.append(String.format("BP-%06d", i)).append('\t').append(name).append('\t').append(categories[i % categories.length]).append('\t')
                        .append(i % 20 == 0 ? "LITRE" : "PIECE").append('\t').append(1 + random.nextInt(300)).append('.').append(random.nextInt(10)).append("0\t")
                        .append(String.format("59%011d", i)).append("\tf\tnow\tnow\n");
                if (i % 20_000 == 0 || i == n) {
                    copy.copyIn("copy part (part_number, name, category_id, unit, unit_cost, barcode, lot_tracked, created_at, updated_at) from stdin",
                            new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- grid pages ------------------------------------------------------------------------

    private void pages() {
        long location = count("select min(id) from stock_location where name like 'Bench location %'");
        long group = count("select min(id) from part_category where name like 'Bench group %'");
        long sub = count("select min(id) from part_category where name like 'Bench sub %'");
        String barcode = jdbc.sql("select barcode from part where part_number = 'BP-054321' or part_number = (select max(part_number) from part where part_number like 'BP-%') order by part_number limit 1")
                .query(String.class).single();
        List<Timing> timings = new ArrayList<>();
        timings.add(time("(a) first page, no filter", () -> stock.page(StockFilter.none(), 0, 50)));
        timings.add(time("(x) deep page at offset 5,000", () -> stock.page(StockFilter.none(), 5000, 50)));
        timings.add(time("(c) one location", () -> stock.page(new StockFilter(location, null, null, null, null), 0, 50)));
        for (StockStatus status : StockStatus.values()) {
            timings.add(time("(d) status " + status, () -> stock.page(new StockFilter(null, null, status, null, null), 0, 50)));
        }
        timings.add(time("(e) category with sub-categories", () -> stock.page(new StockFilter(null, group, null, null, null), 0, 50)));
        timings.add(time("(e) leaf category + location + OUT", () -> stock.page(new StockFilter(location, sub, StockStatus.OUT, null, null), 0, 50)));
        timings.add(time("(f) search part number \"BP-0123\"", () -> stock.page(new StockFilter(null, null, null, "BP-0123", null), 0, 50)));
        timings.add(time("(f) search name \"clutch\"", () -> stock.page(new StockFilter(null, null, null, "clutch", null), 0, 50)));
        timings.add(time("(f) search name \"gasket seal\" (rare)", () -> stock.page(new StockFilter(null, null, null, "seal 77", null), 0, 50)));
        timings.add(time("(f) exact barcode", () -> stock.page(new StockFilter(null, null, null, barcode, null), 0, 50)));
        timings.add(time("(g) live low-stock list", () -> stock.shortages(null, 0, 50)));
        System.out.printf("%nStock grid pages (50 rows; %d warm-up runs, %d timed runs; target p95 < %.0f ms)%n", warmup, runs, PAGE_TARGET_MS);
        System.out.printf("  %-40s %6s %9s %9s %9s%n", "query", "rows", "p50 ms", "p95 ms", "max ms");
        double worst = 0;
        for (Timing t : timings) {
            System.out.printf("  %-40s %6d %9.1f %9.1f %9.1f%s%n", t.name, t.rows, t.p50, t.p95, t.max,
                    !t.targeted() ? "  (not targeted)" : t.p95 < PAGE_TARGET_MS ? "" : "  <-- over target");
            if (t.targeted()) {
                worst = Math.max(worst, t.p95);
            }
        }
        summary.add(String.format("grid pages: worst p95 %.1f ms over the %d targeted queries (target < %.0f ms)", worst,
                timings.stream().filter(Timing::targeted).count(), PAGE_TARGET_MS));
    }

    private Timing time(String name, Supplier<List<StockRow>> query) {
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
        return new Timing(name, rows, percentile(ms, 50), percentile(ms, 95), ms[ms.length - 1]);
    }

    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    // ---- issuing ---------------------------------------------------------------------------

    private void issuing(int workers, int perWorker) throws Exception {
        long minPart = count("select min(id) from part where part_number like 'BP-%'");
        long maxPart = count("select max(id) from part where part_number like 'BP-%'");
        long[] locations = jdbc.sql("select id from stock_location where name like 'Bench location %' order by id").query(Long.class).list()
                .stream().mapToLong(Long::longValue).toArray();
        // Warm-up (not measured): the issue path compiled by the JIT and its statements prepared, as in a running server.
        var warmContext = SecurityContextHolder.getContext();
        ExecutorService warm = Executors.newFixedThreadPool(workers);
        List<Future<?>> warming = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            warming.add(warm.submit(() -> {
                SecurityContextHolder.setContext(warmContext);
                SplittableRandom random = new SplittableRandom(900 + worker);
                for (int i = 0; i < Integer.getInteger("bench.issueWarmup", 200); i++) {
                    try {
                        ledger.issue(minPart + random.nextLong(maxPart - minPart + 1), locations[random.nextInt(locations.length)], BigDecimal.ONE, null,
                                "WO-WARM-" + worker + "-" + i);
                    } catch (com.fleetdesk.base.domain.InvalidInputException e) {
                        // out of stock: fine for a warm-up
                    }
                }
            }));
        }
        for (Future<?> f : warming) {
            f.get();
        }
        warm.shutdown();
        long before = count("select count(*) from stock_movement");
        AtomicLong issued = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        var security = SecurityContextHolder.getContext();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> done = new ArrayList<>();
        cpu.begin();
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            done.add(pool.submit(() -> {
                SecurityContextHolder.setContext(security);
                SplittableRandom random = new SplittableRandom(7000 + worker);
                for (int i = 0; i < perWorker; i++) {
                    // Half the issues go to a small set of hot parts, so workers queue on the same rows as a busy workshop would.
                    long part = random.nextInt(2) == 0 ? minPart + random.nextInt(50) : minPart + random.nextLong(maxPart - minPart + 1);
                    long location = locations[random.nextInt(locations.length)];
                    try {
                        ledger.issue(part, location, BigDecimal.ONE, null, "WO-BENCH-" + worker + "-" + i);
                        issued.incrementAndGet();
                    } catch (com.fleetdesk.base.domain.InvalidInputException e) {
                        refused.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (failed.incrementAndGet() < 5) {
                            e.printStackTrace();
                        }
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String cpuUse = cpu.end();
        pool.shutdown();
        long appended = count("select count(*) from stock_movement") - before;
        double rate = issued.get() / seconds;
        System.out.printf("%nIssuing with %d concurrent workers: %,d issued, %,d refused (not enough stock), %,d failed in %.1f s: %,.0f movements/s%s%n",
                workers, issued.get(), refused.get(), failed.get(), seconds, rate, rate >= ISSUE_TARGET_PER_S ? "" : "  <-- under target");
        System.out.printf("  ledger rows appended: %,d (one per issue)%n  %s%n", appended, cpuUse);
        summary.add(String.format("issuing: %,.0f movements/s with %d workers (%,d issued, %,d refused, %,d failed; target >= %.0f/s)",
                rate, workers, issued.get(), refused.get(), failed.get(), ISSUE_TARGET_PER_S));
        summary.add("  " + cpuUse);
        if (appended != issued.get() || failed.get() > 0) {
            throw new IllegalStateException("ledger rows appended (" + appended + ") differ from successful issues (" + issued.get() + ")");
        }
    }

    private void checkLedger() {
        long started = System.nanoTime();
        long levels = count("select count(*) from stock_level");
        long mismatches = count("""
                select count(*) from stock_level l
                  full join (select part_id, location_id,
                                    sum(quantity) filter (where movement_type not in ('RESERVE','RELEASE')) as on_hand,
                                    coalesce(sum(quantity) filter (where movement_type in ('RESERVE','RELEASE')), 0) as reserved
                               from stock_movement group by part_id, location_id) m
                    on m.part_id = l.part_id and m.location_id = l.location_id
                 where l.id is null or coalesce(m.on_hand, 0) <> l.on_hand or coalesce(m.reserved, 0) <> l.reserved or l.on_hand < 0
                """);
        System.out.printf("%nLedger check: %,d stock levels against %,d ledger rows: %,d mismatches (%.1f s)%n", levels,
                count("select count(*) from stock_movement"), mismatches, (System.nanoTime() - started) / 1e9);
        summary.add(String.format("ledger check: %,d levels, %,d mismatches", levels, mismatches));
        if (mismatches > 0) {
            throw new IllegalStateException(mismatches + " stock levels differ from the ledger");
        }
    }

    private void printSummary() {
        System.out.printf("%nSummary%n");
        summary.forEach(s -> System.out.println("  " + s));
    }
}
