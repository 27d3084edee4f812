package com.fleetdesk.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the machine's cores went during a benchmark phase: this JVM, its PostgreSQL (found by
 * the data directory's postmaster.pid), other processes (other people's builds on a shared
 * machine) and idle — so a throughput figure can be read against the CPU it actually had.
 */
final class BenchCpu {

    private final Path postmasterPid;
    private long jvm;
    private long postgres;
    private long[] machine;
    private long started;

    BenchCpu(Path dataDir) {
        this.postmasterPid = dataDir.resolve("postmaster.pid");
    }

    void begin() {
        jvm = cpu(ProcessHandle.current());
        postgres = postgres();
        machine = machine();
        started = System.nanoTime();
    }

    /** "CPU in cores: bench JVM 0.80, its PostgreSQL 0.70, other processes 0.45, idle 0.05". */
    String end() {
        double wall = System.nanoTime() - started;
        double ownJvm = (cpu(ProcessHandle.current()) - jvm) / wall;
        double ownPg = (postgres() - postgres) / wall;
        long[] now = machine();
        int cores = Runtime.getRuntime().availableProcessors();
        long total = now[1] - machine[1];
        double idle = total <= 0 ? 0 : cores * (double) (now[0] - machine[0]) / total;
        double others = Math.max(0, cores - idle - ownJvm - ownPg);
        return String.format(Locale.ROOT, "CPU in cores (of %d): bench JVM %.2f, its PostgreSQL %.2f, other processes %.2f, idle %.2f",
                cores, ownJvm, ownPg, others, idle);
    }

    private long postgres() {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).getFirst().strip());
            // The postmaster's own and its ended children's time, then the live backends.
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 10_000_000L + ProcessHandle.of(pid).map(pm -> pm.descendants().mapToLong(BenchCpu::cpu).sum()).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** {idle + iowait, total} jiffies from /proc/stat. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[]{Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }
}
