package com.fleetdesk.load;

import com.fleetdesk.telematics.BenchmarkApp;
import com.fleetdesk.telematics.CpuUse;
import com.fleetdesk.telematics.MapSessions;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark: 200 signed-in users across the grids and the live map while trackers send
 * 10,000 positions per second, against the production jar on this machine. A few users are real
 * headless Chromium tabs on the live map ({@link MapSessions}); the rest are protocol-level Vaadin
 * clients ({@link VaadinUser}), each its own HTTP session, signed in through the login form, with
 * its push WebSocket open, acting every few seconds (menu navigation, grid scrolling, selecting a
 * vehicle on the map). Trackers are OsmAnd GETs on keep-alive connections, paced
 * ({@link PacedIngest}). It prints the server's heap per UI session (heap after a full GC with the
 * sessions open minus before, via jcmd), the CPU each party used (from /proc), p50/p95/p99 round
 * trip of user actions (UIDL request to answer), push delivery (messages, marker updates and their
 * age on arrival), the ingest rate achieved (checked against the rows stored) and every error.
 * <p>
 * Users (password {@code fleetdesk}): the benchmark adds accounts {@code load-dispatcher-N},
 * {@code load-manager-N} (depots in turn), {@code load-office-N}, {@code load-warehouse-N} and
 * {@code load-technician-N} to its own database by copying the demo accounts' roles, depots and
 * password hash, and uses demo drivers' own accounts, so every session is a distinct user.
 * <p>
 * Run: {@code src/bin/bench load} (needs {@code target/fleetdesk.jar}). System properties:
 * those of {@link BenchmarkApp} ({@code bench.dataDir} defaults to target/bench-load-pg),
 * {@code bench.users} (200, browsers included), {@code bench.browsers} (5), {@code bench.mapShare}
 * (0.25 of the users on the live map), {@code bench.rate} (10000 positions/s), {@code bench.devices}
 * (2000), {@code bench.ingestConnections} (one per tracker, as devices connect), {@code bench.think} (8 s mean between a user's
 * actions), {@code bench.warmup} (20 s at least; then until the server's JIT compiler has settled, at most
 * {@code bench.maxWarmup}, 600 s), {@code bench.seconds} (120), {@code bench.openParallel} (4),
 * {@code bench.jfr} (a file: a flight recording of the server during the measured window).
 */
public final class LoadBenchmark {

    /** The app's JVM threads, by the names /proc gives them (15 characters at most). */
    private static final String[] JIT_THREADS = {"C1 CompilerThre", "C2 CompilerThre"};
    private static final String[] GC_THREADS = {"GC Thread", "G1 "};

    private final int users = Integer.getInteger("bench.users", 200);
    private final int browsers = Integer.getInteger("bench.browsers", 5);
    private final double mapShare = Double.parseDouble(System.getProperty("bench.mapShare", "0.25"));
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "10000"));
    private final int devices = Integer.getInteger("bench.devices", 2000);
    // Each tracker holds its own connection, as real devices do; 100 shared ones (before 2026-12-07) made the
    // trackers a closed loop of 100 waiting requests that got a smaller share of a full machine than 2,000 would.
    private final int ingestConnections = Integer.getInteger("bench.ingestConnections", devices);
    private final double think = Double.parseDouble(System.getProperty("bench.think", "8"));
    private final int warmup = Integer.getInteger("bench.warmup", 20);
    private final int seconds = Integer.getInteger("bench.seconds", 120);
    private final int maxWarmup = Integer.getInteger("bench.maxWarmup", 600);
    private final int openParallel = Integer.getInteger("bench.openParallel", 4);

    private final BenchmarkApp app;
    private final HikariDataSource db;
    private final String base;

    private LoadBenchmark(BenchmarkApp app) {
        this.app = app;
        this.base = "http://localhost:" + app.httpPort;
        this.db = app.database(2);
    }

    /**
     * Waits {@code bench.warmup} seconds, then until the server's JIT compiler has settled (under 0.05
     * cores over 30 s), at most {@code bench.maxWarmup} seconds in all. Under this load the compiler
     * keeps working for minutes (0.2-0.4 cores of the two in the first three): measured earlier, the
     * window showed a server still starting up, not the one a fleet runs all day.
     */
    private void warmUp(long appPid) throws InterruptedException {
        long started = System.nanoTime();
        Thread.sleep(warmup * 1000L);
        double jit = CpuUse.threadSeconds(appPid, JIT_THREADS);
        while (true) {
            long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
            if (elapsed + 30 > maxWarmup) {
                System.out.printf(Locale.ROOT, "Warm-up ended after %d s (bench.maxWarmup) with the JIT compiler still busy%n", elapsed);
                return;
            }
            Thread.sleep(30_000);
            double now = CpuUse.threadSeconds(appPid, JIT_THREADS);
            double cores = (now - jit) / 30;
            jit = now;
            System.out.printf(Locale.ROOT, "  warm-up %d s: JIT compiler %.2f cores%n", elapsed + 30, cores);
            if (cores < 0.05) {
                return;
            }
        }
    }

    public static void main(String[] args) {
        BenchmarkApp.runMain("Load benchmark", "target/bench-load-pg", "bench-load-app.log", List.of(
                "--fleetdesk.demo.vehicles=" + Integer.getInteger("bench.devices", 2000), "--fleetdesk.demo.drivers=1000"), app -> {
            LoadBenchmark bench = new LoadBenchmark(app);
            try {
                bench.run();
            } finally {
                bench.db.close();
            }
        });
    }

    private record Planned(String username, VaadinUser.Profile profile) {
    }

    private void run() throws Exception {
        List<String> trackers = strings("select tracker_device_id from vehicle where tracker_device_id like 'FD%' order by tracker_device_id limit " + devices);
        if (trackers.size() < devices) {
            throw new IllegalStateException("the app has " + trackers.size() + " vehicles with trackers, the benchmark needs " + devices);
        }
        List<String> vehicleIds = strings("select id::text from vehicle where tracker_device_id like 'FD%' order by id");
        List<Planned> plan = planUsers();
        Map<String, Integer> byProfile = new TreeMap<>();
        plan.forEach(p -> byProfile.merge(p.profile().name(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "%d users: %d in headless Chromium on the live map, %d protocol-level %s; %d trackers on %d connections, %,.0f positions/s%n",
                plan.size(), browsers, plan.size() - browsers, byProfile, devices, ingestConnections, rate);

        // Every vehicle reports once, so the maps have markers, then the heap without sessions.
        PacedIngest.seed("127.0.0.1", app.ingestPort, trackers, Math.min(ingestConnections, 50));
        awaitQuiet();
        double heapBefore = heapAfterGcMb();
        System.out.printf(Locale.ROOT, "Server heap after full GC, no UI sessions: %.1f MB%n", heapBefore);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
        VaadinUser.Tally tally = new VaadinUser.Tally();
        CpuUse cpu = new CpuUse(app.process.toHandle(), app.dataDir);

        MapSessions maps = browsers > 0 ? new MapSessions() : null;
        try {
            long opening = System.nanoTime();
            for (int b = 0; b < browsers; b++) {
                Planned p = plan.get(b);
                MapSessions.OpenedMap opened = maps.open("127.0.0." + (b + 1), app.httpPort, p.username(), "fleetdesk", 1);
                System.out.printf(Locale.ROOT, "  Chromium tab %d: %s on /map, %,d markers%n", b + 1, p.username(), opened.markers());
            }
            List<VaadinUser> open = new ArrayList<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            VaadinUser.Timings signIn = new VaadinUser.Timings();
            Semaphore parallel = new Semaphore(openParallel);
            List<Thread> openers = new ArrayList<>();
            for (Planned p : plan.subList(browsers, plan.size())) {
                VaadinUser user = new VaadinUser(http, base, p.username(), "fleetdesk", p.profile(), vehicleIds, tally);
                openers.add(Thread.ofVirtual().start(() -> {
                    try {
                        parallel.acquire();
                        long started = System.nanoTime();
                        try {
                            user.open();
                            signIn.add(System.nanoTime() - started);
                            synchronized (open) {
                                open.add(user);
                            }
                        } finally {
                            parallel.release();
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(p.username() + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : openers) {
                t.join();
            }
            System.out.printf(Locale.ROOT, "%d protocol users signed in and on their first screen (%d failed) after %.0f s in all; sign-in to first screen %s%n",
                    open.size(), failures.size(), (System.nanoTime() - opening) / 1e9, signIn.summary());
            failures.stream().limit(10).forEach(f -> System.out.println("  FAILED " + f));
            int sessions = open.size() + browsers;

            Thread.sleep(3000);
            double heapWith = heapAfterGcMb();
            double perSession = (heapWith - heapBefore) / sessions;
            System.out.printf(Locale.ROOT, "Server heap after full GC with %d UI sessions: %.1f MB, i.e. %.2f MB per session%n", sessions, heapWith, perSession);

            // Users act from now on; trackers start; after the warm-up the window is measured.
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> loops = new ArrayList<>();
            for (VaadinUser user : open) {
                loops.add(Thread.ofVirtual().start(() -> userLoop(user, running, tally)));
            }
            PacedIngest ingest = new PacedIngest("127.0.0.1", app.ingestPort, trackers, ingestConnections, rate);
            ingest.start();
            System.out.printf(Locale.ROOT, "Users acting (every %.0f s on average) and trackers sending; warm-up of %d s or more, then %d s measured%n",
                    think, warmup, seconds);
            warmUp(app.process.pid());
            if (maps != null) {
                maps.resetArrivals();
            }
            tally.measuring = true;
            ingest.measure();
            cpu.begin();
            long windowStart = System.nanoTime();
            double jitAtStart = CpuUse.threadSeconds(app.process.pid(), JIT_THREADS);
            double gcAtStart = CpuUse.threadSeconds(app.process.pid(), GC_THREADS);
            String jfr = System.getProperty("bench.jfr", "");
            if (!jfr.isBlank()) {
                jcmd("JFR.start", "name=load", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
            }
            Thread.sleep(seconds * 1000L);
            if (!jfr.isBlank()) {
                jcmd("JFR.stop", "name=load");
                System.out.println("Flight recording of the measured window: " + Path.of(jfr).toAbsolutePath());
            }
            Map<String, Double> cores = cpu.cores();
            String cpuLine = cpu.end();
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            double jitCores = (CpuUse.threadSeconds(app.process.pid(), JIT_THREADS) - jitAtStart) / windowSeconds;
            double gcCores = (CpuUse.threadSeconds(app.process.pid(), GC_THREADS) - gcAtStart) / windowSeconds;
            tally.measuring = false;
            ingest.stop();
            running.set(false);
            for (Thread t : loops) {
                t.join(Duration.ofSeconds(30));
            }
            List<List<List<Object>>> arrivals = List.of();
            String browserState = browsers == 0 ? "no browsers" : "all tabs answered";
            try {
                arrivals = maps != null ? maps.collectArrivals() : List.of();
            } catch (RuntimeException e) {
                browserState = "Chromium stopped answering (" + e.getClass().getSimpleName() + "): its tabs' figures are missing";
            }
            long stored = count("select count(*) from vehicle_position where fix_time >= ? and fix_time < ?",
                    Instant.ofEpochMilli(ingest.measuredFrom()), Instant.ofEpochMilli(ingest.measuredUntil()));
            double heapAfter = heapAfterGcMb();

            // ---- figures ----
            double window = ingest.measuredSeconds();
            long[] ingestTimes = ingest.responseTimes();
            VaadinUser.Timings browserAges = new VaadinUser.Timings();
            for (List<List<Object>> tab : arrivals) {
                for (List<Object> a : tab) {
                    long age = PacedIngest.ageOf(((Number) a.get(1)).doubleValue(), ((Number) a.get(3)).longValue());
                    if (age >= 0) {
                        browserAges.add(age * 1_000_000L);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%n=== Load benchmark: %d sessions + %,.0f positions/s offered, %.0f s measured ===%n", sessions, rate, window);
            System.out.println(cpuLine);
            System.out.printf(Locale.ROOT, "Server CPU: app %.2f cores (%.0f %% of the machine), PostgreSQL %.2f cores; load generator %.2f, Chromium %.2f; other processes %.2f%n",
                    cores.get("app"), 100 * cores.get("app") / Runtime.getRuntime().availableProcessors(), cores.get("postgres"),
                    cores.get("bench JVM"), cores.get("browser"), cores.get("other processes"));
            System.out.printf(Locale.ROOT, "  of the app: JIT compiler %.2f cores, garbage collector %.2f cores%n", jitCores, gcCores);
            System.out.printf(Locale.ROOT, "Heap per UI session: %.2f MB (%.1f MB with %d sessions - %.1f MB without, after full GC); %.1f MB after the load, sessions still open%n",
                    perSession, heapWith, sessions, heapBefore, heapAfter);
            System.out.printf(Locale.ROOT, "User actions (UIDL request -> answer), %.1f/s: %s%n", tally.actions.count() / window, tally.actions.summary());
            new TreeMap<>(tally.byKind).forEach((kind, t) -> System.out.printf(Locale.ROOT, "  %-28s %s%n", kind, t.summary()));
            System.out.printf(Locale.ROOT, "Push: %,.0f messages/s (%,.1f MB/s) to %d protocol users; %,d grid updates confirmed%n",
                    tally.pushMessages.sum() / window, tally.pushBytes.sum() / window / 1e6, open.size(), tally.confirmations.sum());
            System.out.printf(Locale.ROOT, "  marker updates on protocol live maps: %,.0f/s, age on arrival (tracker sent -> push received) %s%n",
                    tally.markerUpdates.sum() / window, tally.markerAges.summary());
            System.out.printf(Locale.ROOT, "  marker updates in Chromium maps: %,.0f/s, age when the page applied them %s; %s%n",
                    browserAges.count() / window, browserAges.summary(), browserState);
            System.out.printf(Locale.ROOT, "Ingest: %,.0f positions/s answered 200 (%,d in %.1f s, offered %,.0f/s); %,d rows stored for them (%s); tracker answer %s%n",
                    ingest.measuredOk() / window, ingest.measuredOk(), window, rate, stored, stored == ingest.measuredOk() ? "equal" : "DIFFERENT",
                    String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", VaadinUser.Timings.pct(ingestTimes, 50) / 1e6,
                            VaadinUser.Timings.pct(ingestTimes, 95) / 1e6, VaadinUser.Timings.pct(ingestTimes, 99) / 1e6));
            System.out.printf(Locale.ROOT, "Errors: %d sign-ins failed; %d UIDL errors; %d push connections closed by the server; ingest: %d I/O errors, other answers %s, %d reconnects%n",
                    failures.size(), tally.errors.sum(), tally.pushClosed.sum(), ingest.errors(), ingest.otherStatuses(), ingest.reconnects());
            tally.errorSamples.forEach(e -> System.out.println("  " + e));
            System.out.printf(Locale.ROOT, "Machine: other processes took %.2f of %d cores during the window (load average now %s)%n",
                    cores.get("other processes"), Runtime.getRuntime().availableProcessors(), loadAverage());
            for (VaadinUser user : open) {
                user.close();
            }
        } finally {
            if (maps != null) {
                try {
                    maps.close();
                } catch (RuntimeException e) {
                    System.out.println("Closing Chromium failed: " + e.getMessage());
                }
            }
        }
    }

    /** Waits a think time (in 1 s steps, confirming pushed grid updates meanwhile), acts, and again until stopped. */
    private void userLoop(VaadinUser user, AtomicBoolean running, VaadinUser.Tally tally) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            Thread.sleep(random.nextLong((long) (think * 1000) + 1));
            while (running.get()) {
                long wait = (long) (think * 1000 * (0.5 + random.nextDouble()));
                long until = System.currentTimeMillis() + wait;
                while (running.get() && System.currentTimeMillis() < until) {
                    Thread.sleep(Math.min(1000, Math.max(1, until - System.currentTimeMillis())));
                    user.flushConfirms();
                }
                if (running.get()) {
                    user.act();
                }
            }
        } catch (IOException | RuntimeException e) {
            tally.error(user.username() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The users, browsers first: dispatchers on the live map (all vehicles), managers, office
     * staff, warehouse staff, technicians and drivers on their grids. Adds the load-* accounts
     * to this benchmark's database the first time.
     */
    private List<Planned> planUsers() throws SQLException {
        VaadinUser.Profile map = new VaadinUser.Profile("dispatcher on the map", List.of("map"), true);
        VaadinUser.Profile manager = new VaadinUser.Profile("manager", List.of("trips", "vehicles", "drivers", "trips/approvals", "alerts"), false);
        VaadinUser.Profile office = new VaadinUser.Profile("office", List.of("trips", "vehicles", "drivers"), false);
        VaadinUser.Profile warehouse = new VaadinUser.Profile("warehouse", List.of("inventory/stock", "inventory/parts", "maintenance/work-orders"), false);
        VaadinUser.Profile technician = new VaadinUser.Profile("technician", List.of("vehicles", "maintenance/work-orders", "maintenance/due", "inventory/stock"), false);
        VaadinUser.Profile driver = new VaadinUser.Profile("driver", List.of("trips", ""), false);
        int maps = Math.max(browsers, (int) Math.round(users * mapShare));
        int rest = users - maps;
        int managers = rest * 26 / 100;
        int offices = rest * 26 / 100;
        int warehouses = rest * 16 / 100;
        int technicians = rest * 16 / 100;
        int drivers = rest - managers - offices - warehouses - technicians;
        List<Planned> plan = new ArrayList<>();
        copyAccounts("dispatcher", "load-dispatcher", maps, 1).forEach(u -> plan.add(new Planned(u, map)));
        List<String> mgr = new ArrayList<>();
        int perDepot = (managers + 2) / 3;
        mgr.addAll(copyAccounts("manager", "load-manager", perDepot, 1));
        mgr.addAll(copyAccounts("manager2", "load-manager", perDepot, perDepot + 1));
        mgr.addAll(copyAccounts("manager3", "load-manager", perDepot, 2 * perDepot + 1));
        mgr.subList(0, managers).forEach(u -> plan.add(new Planned(u, manager)));
        copyAccounts("office", "load-office", offices, 1).forEach(u -> plan.add(new Planned(u, office)));
        copyAccounts("warehouse", "load-warehouse", warehouses, 1).forEach(u -> plan.add(new Planned(u, warehouse)));
        copyAccounts("technician", "load-technician", technicians, 1).forEach(u -> plan.add(new Planned(u, technician)));
        strings("select u.username from user_account u join user_account_role r on r.user_account_id = u.id and r.role = 'DRIVER'"
                + " join driver d on d.user_account_id = u.id join vehicle v on v.current_driver_id = d.id"
                + " where u.enabled and d.status = 'ACTIVE' order by u.id limit " + drivers).forEach(u -> plan.add(new Planned(u, driver)));
        if (plan.size() != users) {
            throw new IllegalStateException("planned " + plan.size() + " users of " + users + " (too few demo drivers with a vehicle?)");
        }
        return plan;
    }

    /** Copies {@code template}'s account (hash, roles, depots) as prefix-first..prefix-(first+n-1) where missing; returns their names. */
    private List<String> copyAccounts(String template, String prefix, int n, int first) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (int i = first; i < first + n; i++) {
                String name = prefix + "-" + i;
                names.add(name);
                s.execute("insert into user_account (version, username, password_hash, full_name, email, enabled, created_at, created_by, updated_at, updated_by)"
                        + " select 0, '" + name + "', password_hash, 'Load " + name + "', '" + name + "@fleetdesk.example', true, now(), 'load-benchmark', now(), 'load-benchmark'"
                        + " from user_account where username = '" + template + "'"
                        + " and not exists (select 1 from user_account where username = '" + name + "')");
                s.execute("insert into user_account_role (user_account_id, role) select n.id, r.role from user_account n, user_account t"
                        + " join user_account_role r on r.user_account_id = t.id where n.username = '" + name + "' and t.username = '" + template + "'"
                        + " on conflict do nothing");
                s.execute("insert into user_account_depot (user_account_id, depot_id) select n.id, d.depot_id from user_account n, user_account t"
                        + " join user_account_depot d on d.user_account_id = t.id where n.username = '" + name + "' and t.username = '" + template + "'"
                        + " on conflict do nothing");
            }
        }
        return names;
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** The server's used heap in MB after two full GCs (jcmd GC.run, then GC.heap_info). */
    private double heapAfterGcMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(app.process.pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** Until the app and PostgreSQL are idle (below 0.15 cores for a second; at most 5 minutes). */
    private void awaitQuiet() throws InterruptedException {
        CpuUse probe = new CpuUse(app.process.toHandle(), app.dataDir);
        long started = System.nanoTime();
        Map<String, Double> last;
        do {
            probe.begin();
            Thread.sleep(1000);
            last = probe.cores();
        } while (last.get("app") + last.get("postgres") >= 0.15 && System.nanoTime() - started < 300e9);
        System.out.printf(Locale.ROOT, "App idle after %.0f s (app %.2f, postgres %.2f, other processes %.2f cores in the last second)%n",
                (System.nanoTime() - started) / 1e9, last.get("app"), last.get("postgres"), last.get("other processes"));
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private long count(String sql, Instant from, Instant until) throws SQLException {
        try (Connection c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(until));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
