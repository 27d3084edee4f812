package com.fleetdesk.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The production jar started as a user starts it, on a free port with its own throw-away
 * embedded PostgreSQL and demo data, for the real-browser tests.
 */
public final class RunningFleetdesk implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private RunningFleetdesk(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static RunningFleetdesk start(String... extraArgs) throws IOException, InterruptedException {
        String jar = System.getProperty("fleetdesk.jar", "target/fleetdesk.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("Production jar " + jar + " not found: run the README's test command (it builds it).");
        }
        int port = freePort();
        Path dataDir = Files.createTempDirectory("fleetdesk-e2e-pg");
        Path log = Files.createTempFile("fleetdesk-e2e", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar));
        // Defaults a test may override: Spring would join a repeated option's values with commas.
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("server.port", String.valueOf(port));
        options.put("fleetdesk.db.embedded.data-dir", dataDir.resolve("pgdata").toString());
        options.put("fleetdesk.db.embedded.port", "0");
        options.put("fleetdesk.ingest.port", "0");
        for (String arg : extraArgs) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        if (options.containsKey("server.port") && !options.get("server.port").equals(String.valueOf(port))) {
            throw new IllegalArgumentException("the web port is chosen by RunningFleetdesk");
        }
        options.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RunningFleetdesk app = new RunningFleetdesk(process, port, log);
        try {
            app.awaitHealthy(Duration.ofMinutes(6)); // generous: a loaded CI machine starts it slowly
        } catch (RuntimeException | IOException | InterruptedException e) {
            app.close(); // not left running (with its database) after a failed start
            throw e;
        }
        return app;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        // Demo data is loaded by the time logins are printed; wait for that too.
        awaitStarted(process, baseUrl() + "/actuator/health", log, List.of("Demo logins"), timeout, 500);
    }

    /**
     * Waits until a started Fleetdesk process answers {@code healthUrl} with 200 and its log holds
     * every one of {@code logMarkers}; fails with the log's tail if it exits or the time runs out.
     */
    public static void awaitStarted(Process process, String healthUrl, Path log, List<String> logMarkers, Duration timeout, long pollMillis)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Fleetdesk exited during start-up:\n" + tail(log, 80));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(healthUrl)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    String text = Files.readString(log);
                    if (logMarkers.stream().allMatch(text::contains)) {
                        return;
                    }
                }
            } catch (IOException notYet) {
                // server still starting
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("Fleetdesk did not become healthy in " + timeout + ":\n" + tail(log, 80));
    }

    /** The last {@code count} lines of a log. */
    public static String tail(Path log, int count) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String tail() throws IOException {
        return tail(log, 80);
    }

    public String serverLog() throws IOException {
        return Files.readString(log);
    }

    /** What a push connection reports when the browser at the other end simply went away. */
    private static final java.util.regex.Pattern CLIENT_GONE = java.util.regex.Pattern.compile(
            "IOException|EofException|ClosedChannelException|ClientAbortException|AsyncRequestNotUsableException"
                    + "|Broken pipe|Connection reset|WebSocket session has been closed|TEXT_FULL_WRITING|Failed to cancel resource");

    /**
     * ERROR entries of the server log with the exception line that follows each. Push-transport
     * errors (Atmosphere, Vaadin's push handler) caused by a browser dropping its connection —
     * closing a test browser does exactly that — are not application errors and are left out;
     * any other push error still counts.
     */
    public List<String> serverErrors() throws IOException {
        List<String> lines = serverLog().lines().toList();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains(" ERROR ")) {
                continue;
            }
            String detail = String.join(" | ", lines.subList(i, Math.min(lines.size(), i + 4)));
            boolean pushTransport = line.contains(" o.atmosphere.") || line.contains(" o.a.cpr.") || line.contains("PushAtmosphereHandler");
            if (pushTransport && CLIENT_GONE.matcher(detail).find()) {
                continue;
            }
            errors.add(detail);
        }
        return errors;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
