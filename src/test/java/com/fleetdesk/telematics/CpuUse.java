package com.fleetdesk.telematics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CPU time spent by the benchmark's parties during a phase, in cores: the app's JVM, its
 * PostgreSQL processes, this JVM (load generator, direct writer and COPY client) and the browser, plus the machine's idle
 * share. Tells which process used the two cores while a figure was measured.
 */
public final class CpuUse {

    private final ProcessHandle app;
    private final Path postmasterPid;
    private Map<String, Long> start;
    private long[] startMachine;
    private long startNanos;
    private double lastOthers;

    /** @param dataDir the app's PostgreSQL data directory: its postmaster.pid names the server (pg_ctl detaches it from the app) */
    public CpuUse(ProcessHandle app, Path dataDir) {
        this.app = app;
        this.postmasterPid = dataDir.resolve("postmaster.pid");
    }

    public void begin() {
        start = sample();
        startMachine = machine();
        startNanos = System.nanoTime();
    }

    /** "CPU in cores: app 1.12, postgres 0.61, bench JVM 0.20, browser 0.00, other processes 0.01, idle 0.06" since {@link #begin()}. */
    public String end() {
        Map<String, Double> cores = cores();
        lastOthers = cores.get("other processes");
        StringBuilder sb = new StringBuilder("CPU in cores: ");
        cores.forEach((name, c) -> sb.append(name).append(' ').append(String.format(java.util.Locale.ROOT, "%.2f", c)).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.toString();
    }

    /** Cores that processes outside the benchmark took during the last {@link #end()}'s period (other people's builds...). */
    public double lastOthers() {
        return lastOthers;
    }

    /** Cores used since {@link #begin()} by each party, then "other processes" and "idle" of the whole machine. */
    public Map<String, Double> cores() {
        Map<String, Long> now = sample();
        long[] cpu = machine();
        double wall = System.nanoTime() - startNanos;
        long total = cpu[2] - startMachine[2];
        int n = Runtime.getRuntime().availableProcessors();
        Map<String, Double> cores = new LinkedHashMap<>();
        double ours = 0;
        for (var e : now.entrySet()) {
            double c = (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / wall;
            cores.put(e.getKey(), c);
            ours += c;
        }
        double idle = share(cpu, 0, total, n);
        double kernel = share(cpu, 1, total, n);
        double steal = share(cpu, 3, total, n);
        cores.put("other processes", Math.max(0, n - idle - kernel - steal - ours));
        cores.put("interrupts", kernel);
        cores.put("stolen by the hypervisor", steal);
        cores.put("idle", idle);
        return cores;
    }

    private Map<String, Long> sample() {
        Map<String, Long> m = new LinkedHashMap<>();
        Set<Long> appTree = app.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        m.put("app", cpu(app));
        m.put("postgres", postgres());
        m.put("bench JVM", cpu(ProcessHandle.current()));
        m.put("browser", ProcessHandle.current().descendants()
                .filter(p -> p.pid() != app.pid() && !appTree.contains(p.pid())).mapToLong(CpuUse::cpu).sum());
        return m;
    }

    private long postgres() {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).getFirst().strip());
            // The postmaster's own time plus that of its children that ended (short backends, autovacuum workers), then the live ones.
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 10_000_000L + ProcessHandle.of(pid).map(pm -> pm.descendants().mapToLong(CpuUse::cpu).sum()).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU time in seconds that the threads of JVM {@code pid} whose names start with one of
     * {@code prefixes} used so far (from /proc: "C2 CompilerThre" for the JIT, "GC Thread" and "G1 " for
     * the collector); 0 where /proc cannot be read.
     */
    public static double threadSeconds(long pid, String... prefixes) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (java.util.Arrays.stream(prefixes).anyMatch(comm::startsWith)) {
                        String[] f = Files.readString(task.resolve("stat")).replaceFirst("^.*\\) ", "").split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / 100.0; // USER_HZ
    }

    private static long cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private double share(long[] now, int field, long total, int cores) {
        return total <= 0 ? 0 : cores * (double) (now[field] - startMachine[field]) / total;
    }

    /** {idle + iowait, irq + softirq, total, steal} jiffies from /proc/stat (guest time is already in user). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[]{Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[6]) + Long.parseLong(f[7]), total,
                    f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0, 0, 0};
        }
    }
}
