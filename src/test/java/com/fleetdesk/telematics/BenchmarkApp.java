package com.fleetdesk.telematics;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The production jar as a process for the benchmarks that drive a real server (telematics, load):
 * on free ports, with a persistent embedded PostgreSQL under {@code bench.dataDir} and the demo
 * data the benchmark asks for, simulator off. System properties: {@code bench.jar}
 * (target/fleetdesk.jar), {@code bench.dataDir}, {@code bench.appXmx} (1g), {@code bench.appJvmArgs}
 * (extra JVM options, space separated, e.g. a flight recording).
 */
public final class BenchmarkApp implements AutoCloseable {
    public final Process process;
    public final int httpPort;
    public final int ingestPort;
    public final int dbPort;
    public final Path log;
    public final Path dataDir;
    private final Path jarCopy;

    private BenchmarkApp(Process process, int httpPort, int ingestPort, int dbPort, Path log, Path jarCopy, Path dataDir) {
        this.dataDir = dataDir;
        this.process = process;
        this.httpPort = httpPort;
        this.ingestPort = ingestPort;
        this.dbPort = dbPort;
        this.log = log;
        this.jarCopy = jarCopy;
    }

    /**
     * Starts the jar and waits until it serves and has loaded its demo data.
     *
     * @param defaultDataDir data directory unless {@code bench.dataDir} names another
     * @param logName        file under target/ for the app's output
     * @param demoArguments  further {@code --name=value} arguments, e.g. the demo fleet's size
     */
    public static BenchmarkApp start(String defaultDataDir, String logName, List<String> demoArguments) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("bench.jar", "target/fleetdesk.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Production jar " + jar + " not found: build it with"
                    + " mvn -Pproduction package -DskipTests (add -Dvaadin.commercialWithBanner without a licence key)");
        }
        // A copy, so a build that rewrites target/fleetdesk.jar meanwhile cannot break the running app.
        Path jarCopy = Files.createTempFile("fleetdesk-bench", ".jar");
        Files.copy(jar, jarCopy, StandardCopyOption.REPLACE_EXISTING);
        Path dataDir = Path.of(System.getProperty("bench.dataDir", defaultDataDir)).toAbsolutePath();
        int httpPort = freePort();
        int ingestPort = freePort();
        int dbPort = freePort();
        Path log = Path.of("target", logName).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("bench.appXmx", "1g")));
        String extra = System.getProperty("bench.appJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jarCopy.toString(),
                "--server.port=" + httpPort,
                "--fleetdesk.db.embedded.data-dir=" + dataDir,
                "--fleetdesk.db.embedded.port=" + dbPort,
                "--fleetdesk.ingest.port=" + ingestPort,
                "--fleetdesk.simulator.enabled=false"));
        command.addAll(demoArguments);
        System.out.printf("Starting %s (copy of %s) with data in %s, log in %s%n", jarCopy, jar, dataDir, log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BenchmarkApp app = new BenchmarkApp(process, httpPort, ingestPort, dbPort, log, jarCopy, dataDir);
        try {
            long started = System.nanoTime();
            app.awaitReady(Duration.ofMinutes(15));
            System.out.printf(Locale.ROOT, "App pid %d ready in %.0f s: web http://localhost:%d, trackers on port %d, PostgreSQL on port %d, %s%n",
                    process.pid(), (System.nanoTime() - started) / 1e9, httpPort, ingestPort, dbPort, String.join(" ", command.subList(1, 2)));
        } catch (IOException | InterruptedException | RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** What a benchmark does with the started app. */
    @FunctionalInterface
    public interface Benchmark {
        void run(BenchmarkApp app) throws Exception;
    }

    /**
     * A benchmark's main method: prints the machine, starts the app, runs the benchmark, stops the
     * app and exits with 1 if anything failed.
     */
    public static void runMain(String title, String defaultDataDir, String logName, List<String> demoArguments, Benchmark benchmark) {
        int exit = 0;
        System.out.printf(Locale.ROOT, "%s: %d cores, %s, load generator max heap %,d MB%n", title,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (BenchmarkApp app = start(defaultDataDir, logName, demoArguments)) {
            benchmark.run(app);
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** A small pool on the app's database, for the benchmark's own queries and checks. */
    public com.zaxxer.hikari.HikariDataSource database(int connections) {
        var db = new com.zaxxer.hikari.HikariDataSource();
        db.setJdbcUrl("jdbc:postgresql://localhost:" + dbPort + "/fleetdesk");
        db.setUsername("postgres");
        db.setMaximumPoolSize(connections);
        db.setPoolName("bench");
        return db;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        com.fleetdesk.e2e.RunningFleetdesk.awaitStarted(process, "http://localhost:" + httpPort + "/actuator/health", log,
                List.of("Demo logins", "Tracker ingest listening"), timeout, 1000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(jarCopy);
        } catch (IOException ignored) {
            // a temporary copy left behind
        }
    }
}
