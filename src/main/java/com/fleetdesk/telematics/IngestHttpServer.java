package com.fleetdesk.telematics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * The tracker port (default 5055), apart from the web UI: OsmAnd/Traccar Client on {@code /}
 * (GET or POST, query string, form body or Traccar's JSON body), OwnTracks' HTTP mode on
 * {@code /owntracks} (answers {@code []}), Fleetdesk telemetry JSON on {@code /telemetry}, and
 * {@code /health}. Every request gets an answer: 200 once the position is durably stored, 4xx
 * with a reason for a bad one, 503 when the database cannot take it right now (trackers retry).
 */
@Component
class IngestHttpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestHttpServer.class);
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final PositionIngest ingest;
    private final Clock clock = Clock.systemUTC();
    private final int configuredPort;
    private HttpServer server;
    private volatile boolean running;

    IngestHttpServer(PositionIngest ingest, @Value("${fleetdesk.ingest.port:5055}") int port) {
        this.ingest = ingest;
        this.configuredPort = port;
    }

    /** The port actually bound (useful when configured as 0), or -1 when the server is off. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** Forgets device-to-vehicle mappings (a tracker was refitted outside the fleet service). */
    void clearDeviceCacheForTests() {
        ingest.onVehicleChanged(null);
    }

    @Override
    public void start() {
        if (configuredPort < 0) {
            log.info("Tracker ingest port disabled (fleetdesk.ingest.port < 0)");
            return;
        }
        // One keep-alive connection per tracker: the JDK server would otherwise close all but 200 idle ones.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(configuredPort), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the tracker port " + configuredPort, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        running = true;
        log.info("Tracker ingest listening on port {} (OsmAnd/Traccar: /, OwnTracks: /owntracks, telemetry JSON: /telemetry)", port());
    }

    @Override
    public void stop() {
        running = false;
        if (server != null) {
            server.stop(1);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the writer (higher phase stops first) so nothing new arrives while the queue drains. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                // The body is read (or drained) before any refusal: an unread body left on a keep-alive
                // connection would be taken for the tracker's next request.
                byte[] body = readBody(exchange);
                if (!"GET".equals(method) && !"POST".equals(method)) {
                    throw new IngestRejected(405, "method", "use GET or POST");
                }
                switch (path) {
                    case "/health" -> respond(exchange, 200, "text/plain", "OK");
                    case "/owntracks", "/owntracks/" -> ownTracks(exchange, body);
                    case "/telemetry", "/telemetry/" -> store(exchange, "fleetdesk", TrackerProtocols.fleetdeskJson(TrackerProtocols.jsonObject(body), clock.instant()), "OK");
                    case "/" -> osmAnd(exchange, body);
                    default -> throw new IngestRejected(404, "path", "unknown path " + path);
                }
            } catch (IngestRejected e) {
                if (!"unknown_device".equals(e.metricReason()) && !"rate_limited".equals(e.metricReason())) {
                    ingest.rejected(e);
                }
                if (e.status() == 413) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                if (e.status() == 429 || e.status() == 503) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                }
                respond(exchange, e.status(), "text/plain", e.getMessage());
            } catch (org.springframework.dao.DataAccessException e) {
                // e.g. the device lookup while the database restarts: the tracker keeps the position and retries
                ingest.rejected(new IngestRejected(503, "database", "database unavailable"));
                exchange.getResponseHeaders().set("Retry-After", "2");
                respond(exchange, 503, "text/plain", "database unavailable, retry shortly");
            }
        } catch (IOException e) {
            log.debug("Tracker connection closed early: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Unexpected ingest failure", e);
        }
    }

    private void osmAnd(HttpExchange exchange, byte[] body) throws IOException {
        String contentType = header(exchange, "Content-Type");
        PositionReport report;
        if (body.length > 0 && contentType.contains("json")) {
            report = TrackerProtocols.traccarJson(TrackerProtocols.jsonObject(body), clock.instant());
        } else {
            Map<String, String> params = decodeForm(exchange.getRequestURI().getRawQuery());
            if (body.length > 0) {
                params.putAll(decodeForm(new String(body, StandardCharsets.UTF_8)));
            }
            if (params.isEmpty()) {
                throw IngestRejected.malformed("no position parameters (expected id, lat, lon, timestamp...)");
            }
            report = TrackerProtocols.osmAnd(params, clock.instant());
        }
        store(exchange, "osmand", report, "OK");
    }

    private void ownTracks(HttpExchange exchange, byte[] body) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new IngestRejected(405, "method", "OwnTracks posts JSON");
        }
        // OwnTracks' HTTP mode names the user and device in headers (or the basic-auth user).
        String user = header(exchange, "X-Limit-U");
        String device = header(exchange, "X-Limit-D");
        if (user.isBlank() || device.isBlank()) {
            throw IngestRejected.malformed("OwnTracks requests need X-Limit-U and X-Limit-D headers (user and device)");
        }
        PositionReport report = TrackerProtocols.ownTracks(TrackerProtocols.jsonObject(body), user + ":" + device, clock.instant());
        if (report == null) {
            respond(exchange, 200, "application/json", "[]");
            return;
        }
        store(exchange, "owntracks", report, "[]");
    }

    private void store(HttpExchange exchange, String protocol, PositionReport report, String okBody) throws IOException {
        // The address is only recorded for an unknown device: looked up then, not for every position.
        CompletableFuture<Boolean> stored = ingest.accept(report, protocol,
                () -> exchange.getRemoteAddress() == null ? null : exchange.getRemoteAddress().getAddress().getHostAddress());
        try {
            stored.get(); // the writer answers every position: stored, already stored, or 503 after the store timeout
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IngestRejected rejected) {
                throw ingest.rejected(rejected);
            }
            throw ingest.rejected(new IngestRejected(503, "database", "storage failed; retry shortly"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestRejected(503, "stopping", "server is shutting down, retry shortly");
        }
        respond(exchange, 200, okBody.startsWith("[") ? "application/json" : "text/plain", okBody);
    }


    private static final byte[] NO_BODY = new byte[0];

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw IngestRejected.malformed("bad Content-Length");
            }
            if (declared > MAX_BODY_BYTES) {
                drainQuietly(exchange.getRequestBody());
                throw new IngestRejected(413, "too_large", "body larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (declared >= 0) {
                // Exactly what was declared: reading "up to the limit" allocated a buffer of several kB per request.
                byte[] body = declared == 0 ? NO_BODY : exchange.getRequestBody().readNBytes((int) declared);
                return atEnd(exchange, body);
            }
        } else if (exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null) {
            return atEnd(exchange, NO_BODY); // neither a length nor chunks: HTTP/1.1 has no body then (a tracker's GET)
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            drainQuietly(in);
            throw new IngestRejected(413, "too_large", "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /**
     * Reads the body's end, so that closing the exchange does not drain it again: the JDK server
     * drains an unfinished body through a new 2 kB buffer: two fifths of this port's allocation.
     */
    private static byte[] atEnd(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getRequestBody().read();
        return body;
    }

    private static void drainQuietly(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client gave up; the answer is still sent if possible
        }
    }

    /** Form or query parameters with lower-case names (trackers differ in case: deviceId, deviceid). */
    static Map<String, String> decodeForm(String raw) {
        Map<String, String> params = HashMap.newHashMap(16); // a tracker's dozen parameters without a resize
        if (raw == null || raw.isBlank()) {
            return params;
        }
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            if (end > start) {
                int eq = raw.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    eq = end;
                }
                String key = decodeComponent(raw.substring(start, eq)).toLowerCase(java.util.Locale.ROOT);
                String value = eq == end ? "" : decodeComponent(raw.substring(eq + 1, end));
                if (params.size() < 64) {
                    params.put(key, value);
                }
            }
            start = end + 1;
        }
        return params;
    }

    private static String decodeComponent(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s; // nothing encoded: the common case for numbers and device ids
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw IngestRejected.malformed("badly encoded parameter");
        }
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
