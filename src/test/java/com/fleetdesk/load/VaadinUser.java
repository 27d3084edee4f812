package com.fleetdesk.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One signed-in user of {@link LoadBenchmark} at the protocol level, doing what Vaadin's client
 * engine does in a browser (recorded from headless Chromium's network log): the sign-in form
 * (Spring Security, the CSRF token from the page's {@code _csrf} meta tag), the page's
 * {@code ?v-r=init} request (UI id, Vaadin's CSRF token and push id), the Atmosphere WebSocket
 * ({@code /VAADIN/push}, messages "length|json") that carries server pushes, and UIDL requests
 * ({@code ?v-r=uidl}: "ui-navigate" on a menu click, the grid's {@code setViewportRange} on a
 * scroll, the map's "marker-click"), one at a time with the client and sync ids a browser would
 * send. Every data update the server sends a grid (in an answer or a push) is confirmed with
 * {@code confirmUpdate}, as the grid connector does, so the server may drop what it keeps for it.
 * Cookies are kept by hand (one JSESSIONID), so all users share one HTTP client.
 */
final class VaadinUser {

    /** FailureNotices' text for an unexpected server failure, shown on the screen. */
    private static final String SERVER_FAILURE = "Something went wrong on the server";
    private static final Pattern GRID_CONFIRM = Pattern.compile("\\[\\{\"@v-node\":(\\d+)\\},(\\d+),\"return \\$0\\.\\$connector\\.confirm\\(\\$1\\)\"\\]");
    private static final Pattern GRID_SIZE = Pattern.compile("\\[\\{\"@v-node\":(\\d+)\\},(\\d+),\"return \\$0\\.\\$connector\\.updateSize\\(\\$1\\)\"\\]");
    private static final Pattern TAG = Pattern.compile("\\{\"node\":(\\d+),\"type\":\"put\",\"key\":\"tag\",\"feat\":0,\"value\":\"(vaadin-grid|fleet-map)\"\\}");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern PUSH_ID = Pattern.compile("\"Vaadin-Push-ID\":\"([^\"]+)\"");

    /** What a user does: the routes they move between, and whether they watch the live map. */
    record Profile(String name, List<String> routes, boolean map) {
    }

    /** Shared tallies of all protocol users. */
    static final class Tally {
        final Timings actions = new Timings();
        final java.util.Map<String, Timings> byKind = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.concurrent.atomic.LongAdder pushMessages = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder pushBytes = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder markerUpdates = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder confirmations = new java.util.concurrent.atomic.LongAdder();
        final Timings markerAges = new Timings();
        final java.util.concurrent.atomic.LongAdder errors = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder pushClosed = new java.util.concurrent.atomic.LongAdder();
        final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        volatile boolean measuring;

        void error(String what) {
            errors.increment();
            if (errorSamples.size() < 20) {
                errorSamples.add(what);
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final String username;
    private final String password;
    final Profile profile;
    private final List<String> vehicleIds;
    private final Tally tally;

    private String cookie;
    private int uiId;
    private String csrf;
    private String pushId;
    private int clientId;
    private final AtomicInteger syncId = new AtomicInteger();
    private int historyIndex;
    private String route;
    private volatile int gridNode = -1;
    private volatile int gridSize = 200;
    private int mapNode = -1;
    private final ConcurrentLinkedQueue<int[]> pendingConfirms = new ConcurrentLinkedQueue<>();
    private WebSocket push;
    private final AtomicLong lastPushAt = new AtomicLong();

    VaadinUser(HttpClient http, String base, String username, String password, Profile profile, List<String> vehicleIds, Tally tally) {
        this.http = http;
        this.base = base;
        this.username = username;
        this.password = password;
        this.profile = profile;
        this.vehicleIds = vehicleIds;
        this.tally = tally;
    }

    String username() {
        return username;
    }

    /** Signs in and opens the profile's first route with its push connection; throws if any step fails. */
    void open() throws IOException, InterruptedException {
        HttpResponse<String> login = get("/login");
        Matcher csrfMeta = CSRF_META.matcher(login.body());
        if (login.statusCode() != 200 || !csrfMeta.find()) {
            throw new IOException("sign-in page: HTTP " + login.statusCode() + " without a CSRF token");
        }
        String form = "_csrf=" + enc(csrfMeta.group(1)) + "&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = posted.headers().firstValue("Location").orElse("");
        if (posted.statusCode() != 302 || location.contains("error") || location.contains("locked")) {
            throw new IOException("sign-in as " + username + " refused: HTTP " + posted.statusCode() + " -> " + location);
        }
        route = profile.routes().getFirst();
        HttpResponse<String> page = get("/" + route);
        if (page.statusCode() != 200) {
            throw new IOException("GET /" + route + ": HTTP " + page.statusCode());
        }
        String details = "{\"v-sh\":\"900\",\"v-sw\":\"1440\",\"v-wh\":\"800\",\"v-ww\":\"1440\",\"v-bh\":\"800\",\"v-bw\":\"1440\","
                + "\"v-curdate\":\"" + System.currentTimeMillis() + "\",\"v-tzo\":\"0\",\"v-dstd\":\"0\",\"v-rtzo\":\"0\",\"v-dston\":\"false\","
                + "\"v-tzid\":\"UTC\",\"v-wn\":\"v-" + ThreadLocalRandom.current().nextDouble() + "\",\"v-td\":\"false\",\"v-pr\":\"1\","
                + "\"v-np\":\"Linux x86_64\",\"v-cs\":\"light\",\"v-tn\":\"lumo\"}";
        HttpResponse<String> init = get("/?v-r=init&location=" + enc(route) + "&query=&v-browserDetails=" + enc(details));
        String body = init.body();
        Matcher ui = UI_ID.matcher(body);
        Matcher key = SECURITY_KEY.matcher(body);
        Matcher pid = PUSH_ID.matcher(body);
        if (init.statusCode() != 200 || !ui.find() || !key.find() || !pid.find()) {
            throw new IOException("init of /" + route + ": HTTP " + init.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
        }
        uiId = Integer.parseInt(ui.group(1));
        csrf = key.group(1);
        pushId = pid.group(1);
        connectPush();
        // The client's router then asks the server to show the route (the first UIDL request).
        String answer = uidl(navigateRpc(route, ""));
        afterAnswer(answer);
        if (answer.contains(SERVER_FAILURE)) {
            tally.error(username + " on /" + route + ": the first screen showed a server failure");
        }
        flushConfirms();
    }

    private void connectPush() throws IOException, InterruptedException {
        String url = base.replaceFirst("^http", "ws") + "/VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + pushId
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1&X-Atmosphere-Transport=websocket"
                + "&X-Atmosphere-TrackMessageSize=true&Content-Type=application/json;%20charset=UTF-8&X-atmo-protocol=true"
                + "&X-Vaadin-LastSeenServerSyncId=" + syncId.get();
        try {
            push = http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(url), new PushListener()).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("push connection: " + e, e);
        }
    }

    /** One user action, timed from sending its UIDL request to having its answer; its kind, or null if there was nothing to do. */
    String act() throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String kind;
        String rpc;
        if (profile.map() && mapNode >= 0) {
            kind = "map: select a vehicle";
            String id = vehicleIds.get(random.nextInt(vehicleIds.size()));
            rpc = "[{\"type\":\"event\",\"node\":" + mapNode + ",\"event\":\"marker-click\",\"data\":{\"event.detail.id\":\"" + id + "\"}}]";
        } else if (gridNode >= 0 && (profile.routes().size() == 1 || random.nextBoolean())) {
            kind = "grid: scroll";
            int start = random.nextInt(Math.max(1, gridSize - 60));
            rpc = "[{\"type\":\"publishedEventHandler\",\"node\":" + gridNode + ",\"templateEventMethodName\":\"setViewportRange\","
                    + "\"templateEventMethodArgs\":[" + start + ",100],\"promise\":" + clientId + "}]";
        } else {
            List<String> others = new ArrayList<>(profile.routes());
            others.remove(route);
            if (others.isEmpty()) {
                return null;
            }
            String next = others.get(random.nextInt(others.size()));
            kind = "navigate: /" + next.replaceAll("/.*", "/…");
            rpc = navigateRpc(next, "");
            route = next;
            gridNode = -1;
            mapNode = -1;
        }
        long started = System.nanoTime();
        String answer = uidl(rpc);
        long took = System.nanoTime() - started;
        if (tally.measuring) {
            tally.actions.add(took);
            tally.byKind.computeIfAbsent(kind, k -> new Timings()).add(took);
        }
        afterAnswer(answer);
        flushConfirms();
        return kind;
    }

    /** Confirms what pushes delivered to the grid since the last call (the browser does so at once; we within a second). */
    void flushConfirms() throws IOException, InterruptedException {
        if (pendingConfirms.isEmpty()) {
            return;
        }
        StringBuilder rpc = new StringBuilder("[");
        int[] c;
        while ((c = pendingConfirms.poll()) != null) {
            if (rpc.length() > 1) {
                rpc.append(',');
            }
            rpc.append("{\"type\":\"publishedEventHandler\",\"node\":").append(c[0])
                    .append(",\"templateEventMethodName\":\"confirmUpdate\",\"templateEventMethodArgs\":[").append(c[1])
                    .append("],\"promise\":").append(clientId).append('}');
            tally.confirmations.increment();
        }
        afterAnswer(uidl(rpc.append(']').toString()));
    }

    private String navigateRpc(String to, String trigger) {
        return "[{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":\"/" + to + "\",\"query\":\"\","
                + "\"appShellTitle\":\"\",\"historyState\":{\"idx\":" + (historyIndex++) + "},\"trigger\":\"" + trigger + "\"}}]";
    }

    /** Sends one UIDL request and returns its answer (JSON, or an error counted). */
    private synchronized String uidl(String rpc) throws IOException, InterruptedException {
        String body = "{\"csrfToken\":\"" + csrf + "\",\"rpc\":" + rpc + ",\"syncId\":" + syncId.get() + ",\"clientId\":" + clientId + "}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/?v-r=uidl&v-uiId=" + uiId))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        clientId++;
        String answer = response.body();
        if (response.statusCode() != 200) {
            tally.error(username + ": UIDL HTTP " + response.statusCode());
        } else if (answer.contains("\"sessionExpired\"") || answer.contains("\"appError\"") || answer.contains("\"resynchronize\"")) {
            tally.error(username + ": " + answer.substring(0, Math.min(200, answer.length())));
        } else if (answer.contains(SERVER_FAILURE)) {
            tally.error(username + " on /" + route + ": the screen showed a server failure (" + rpc.substring(0, Math.min(160, rpc.length())) + ")");
        }
        return answer;
    }

    /** Notes what an answer or a push tells the client: sync id, grid and map nodes, grid sizes, updates to confirm. */
    private void afterAnswer(String json) {
        int at = json.lastIndexOf("\"syncId\":");
        if (at >= 0) {
            int from = at + "\"syncId\":".length();
            syncId.accumulateAndGet(Integer.parseInt(json, from, digitsEnd(json, from), 10), Math::max);
        }
        if (json.contains("\"key\":\"tag\"")) {
            Matcher tag = TAG.matcher(json);
            while (tag.find()) {
                if ("fleet-map".equals(tag.group(2))) {
                    mapNode = Integer.parseInt(tag.group(1));
                } else if (gridNode < 0) {
                    gridNode = Integer.parseInt(tag.group(1));
                }
            }
        }
        if (json.contains("$connector")) {
            Matcher size = GRID_SIZE.matcher(json);
            while (size.find()) {
                if (Integer.parseInt(size.group(1)) == gridNode) {
                    gridSize = Integer.parseInt(size.group(2));
                }
            }
            Matcher confirm = GRID_CONFIRM.matcher(json);
            while (confirm.find()) {
                pendingConfirms.add(new int[]{Integer.parseInt(confirm.group(1)), Integer.parseInt(confirm.group(2))});
            }
        }
    }

    /**
     * The latitudes of markers in a push ({@code "lat":50.…}, quotes escaped or not). Found with
     * {@code indexOf} rather than a regular expression: the maps' pushes run to megabytes a second,
     * and every core this load generator takes is one the server does not get.
     */
    static void forEachLatitude(String message, java.util.function.DoubleConsumer action) {
        for (int i = message.indexOf("\":50."); i >= 0; i = message.indexOf("\":50.", i + 5)) {
            int keyEnd = message.charAt(i - 1) == '\\' ? i - 1 : i;
            if (keyEnd >= 3 && message.startsWith("lat", keyEnd - 3)) {
                action.accept(Double.parseDouble(message.substring(i + 2, digitsEnd(message, i + 5))));
            }
        }
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private void onPush(String message) {
        long now = System.currentTimeMillis();
        lastPushAt.set(now);
        if (tally.measuring) {
            tally.pushMessages.increment();
            tally.pushBytes.add(message.length());
        }
        if (message.contains(SERVER_FAILURE)) {
            tally.error(username + " on /" + route + ": a push showed a server failure");
        }
        if (profile.map()) {
            forEachLatitude(message, lat -> {
                long age = PacedIngest.ageOf(lat, now);
                if (age >= 0 && tally.measuring) {
                    tally.markerUpdates.increment();
                    tally.markerAges.add(age * 1_000_000L);
                }
            });
        }
        afterAnswer(message);
    }

    /** Atmosphere frames: "length|message", possibly several per frame or one split over frames. */
    private final class PushListener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            while (true) {
                int bar = buffer.indexOf("|");
                if (bar <= 0) {
                    break;
                }
                int length;
                try {
                    length = Integer.parseInt(buffer, 0, bar, 10);
                } catch (NumberFormatException e) {
                    buffer.setLength(0); // not Atmosphere framing: drop it
                    break;
                }
                if (buffer.length() < bar + 1 + length) {
                    break;
                }
                String message = buffer.substring(bar + 1, bar + 1 + length);
                buffer.delete(0, bar + 1 + length);
                if (message.startsWith("{")) {
                    onPush(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            tally.pushClosed.increment();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            tally.error(username + ": push connection failed: " + error);
        }
    }

    void close() {
        if (push != null) {
            push.abort();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            if (set.startsWith("JSESSIONID=")) {
                cookie = set.substring(0, set.indexOf(';') > 0 ? set.indexOf(';') : set.length());
            }
        }
        return response;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Durations in ns, kept all (a few hundred thousand at most). */
    static final class Timings {
        private long[] values = new long[1024];
        private int n;

        synchronized void add(long v) {
            if (n == values.length) {
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }

        synchronized long[] sorted() {
            long[] s = java.util.Arrays.copyOf(values, n);
            java.util.Arrays.sort(s);
            return s;
        }

        synchronized int count() {
            return n;
        }

        /** "p50 12 ms, p95 40 ms, p99 80 ms, max 120 ms (n = 1,234)". */
        String summary() {
            long[] s = sorted();
            if (s.length == 0) {
                return "none";
            }
            return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (n = %,d)",
                    pct(s, 50) / 1e6, pct(s, 95) / 1e6, pct(s, 99) / 1e6, s[s.length - 1] / 1e6, s.length);
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
