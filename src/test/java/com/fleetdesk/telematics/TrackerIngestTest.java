package com.fleetdesk.telematics;

import com.fleetdesk.FleetdeskTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Real HTTP requests, as trackers send them, against the ingest port and the embedded PostgreSQL. */
@FleetdeskTest
class TrackerIngestTest {

    private static final AtomicLong CLOCK = new AtomicLong(Instant.now().minus(2, ChronoUnit.HOURS).getEpochSecond());

    @Autowired
    IngestHttpServer server;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PositionWriter writer;
    @Autowired
    LastPositions lastPositions;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long nextSecond() {
        return CLOCK.incrementAndGet();
    }

    private long positions(String device) {
        return jdbc.sql("select count(*) from vehicle_position where device_id = ?").param(device).query(Long.class).single();
    }

    @Test
    void osmAndGetIsStoredWithConvertedUnitsAndUpdatesTheLastPosition() throws Exception {
        long ts = nextSecond();
        var response = get("id=FD0002&timestamp=" + ts + "&lat=53.4808&lon=-2.2426&speed=10&bearing=90&altitude=40&accuracy=5&batt=87&hdop=0.9&custom=abc");
        assertThat(response.statusCode()).isEqualTo(200);
        var row = jdbc.sql("select speed_kmh, heading, battery_pct, attributes::text from vehicle_position where device_id = 'FD0002' and fix_time = ?")
                .param(java.sql.Timestamp.from(Instant.ofEpochSecond(ts))).query().singleRow();
        assertThat(((Number) row.get("speed_kmh")).doubleValue()).isCloseTo(18.52, org.assertj.core.data.Offset.offset(0.01));
        assertThat(((Number) row.get("heading")).doubleValue()).isEqualTo(90.0);
        assertThat(row.get("attributes").toString()).contains("\"custom\": \"abc\"").contains("hdop");
        lastPositions.awaitIdle();
        var last = jdbc.sql("select l.latitude from vehicle_last_position l join vehicle v on v.id = l.vehicle_id where v.tracker_device_id = 'FD0002'")
                .query(Double.class).single();
        assertThat(last).isEqualTo(53.4808);
    }

    @Test
    void timestampsInSecondsMillisecondsAndIsoAreUnderstood() throws Exception {
        long s = nextSecond();
        long ms = nextSecond() * 1000 + 250;
        String iso = Instant.ofEpochSecond(nextSecond()).toString();
        assertThat(get("deviceid=FD0003&timestamp=" + s + "&lat=53.5&lon=-2.3").statusCode()).isEqualTo(200);
        assertThat(get("deviceid=FD0003&timestamp=" + ms + "&lat=53.5&lon=-2.3").statusCode()).isEqualTo(200);
        assertThat(get("deviceid=FD0003&timestamp=" + iso + "&location=53.51,-2.31").statusCode()).isEqualTo(200);
        var times = jdbc.sql("select fix_time from vehicle_position where device_id = 'FD0003' and fix_time in (?, ?, ?)")
                .params(java.sql.Timestamp.from(Instant.ofEpochSecond(s)), java.sql.Timestamp.from(Instant.ofEpochMilli(ms)),
                        java.sql.Timestamp.from(Instant.parse(iso)))
                .query(java.sql.Timestamp.class).list();
        assertThat(times).hasSize(3);
    }

    @Test
    void postedFormBodyAndTraccarJsonAreAccepted() throws Exception {
        long ts = nextSecond();
        assertThat(post("/", "application/x-www-form-urlencoded", "id=FD0004&timestamp=" + ts + "&lat=53.40&lon=-2.18&speed=0").statusCode()).isEqualTo(200);
        String iso = Instant.ofEpochSecond(nextSecond()).toString();
        var json = post("/", "application/json", """
                {"device_id":"FD0004","location":{"timestamp":"%s","coords":{"latitude":53.41,"longitude":-2.19,"speed":10,
                 "heading":180,"altitude":55,"accuracy":4},"is_moving":true,"odometer":12345000,"battery":{"level":0.5,"is_charging":false}}}
                """.formatted(iso));
        assertThat(json.statusCode()).isEqualTo(200);
        var speed = jdbc.sql("select speed_kmh from vehicle_position where device_id = 'FD0004' and fix_time = ?")
                .param(java.sql.Timestamp.from(Instant.parse(iso))).query(Double.class).single();
        assertThat(speed).isCloseTo(36.0, org.assertj.core.data.Offset.offset(0.01)); // m/s in Traccar's JSON
    }

    @Test
    void ownTracksHttpModeAnswersAnEmptyArray() throws Exception {
        long tst = nextSecond();
        var response = post("/owntracks", "application/json", """
                {"_type":"location","lat":53.47,"lon":-2.25,"tst":%d,"vel":42,"cog":270,"alt":30,"acc":8,"batt":66,"tid":"dd"}
                """.formatted(tst), "X-Limit-U", "drew", "X-Limit-D", "phone");
        // drew:phone is not fitted to a vehicle yet: refused with the reason, and listed for an administrator
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown device drew:phone");
        assertThat(jdbc.sql("select count(*) from unknown_device where device_id = 'drew:phone'").query(Long.class).single()).isEqualTo(1);
        jdbc.sql("update vehicle set tracker_device_id = 'drew:phone' where tracker_device_id = 'FD0010'").update();
        try {
            server.clearDeviceCacheForTests();
            var accepted = post("/owntracks", "application/json", """
                    {"_type":"location","lat":53.47,"lon":-2.25,"tst":%d,"vel":42,"cog":270}
                    """.formatted(tst), "X-Limit-U", "drew", "X-Limit-D", "phone");
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("[]");
            assertThat(positions("drew:phone")).isEqualTo(1);
            var transition = post("/owntracks", "application/json", "{\"_type\":\"transition\",\"event\":\"enter\"}",
                    "X-Limit-U", "drew", "X-Limit-D", "phone");
            assertThat(transition.statusCode()).isEqualTo(200);
            assertThat(transition.body()).isEqualTo("[]");
        } finally {
            jdbc.sql("update vehicle set tracker_device_id = 'FD0010' where tracker_device_id = 'drew:phone'").update();
            server.clearDeviceCacheForTests();
        }
    }

    @Test
    void aRetriedPositionIsStoredOnce() throws Exception {
        long ts = nextSecond();
        String q = "id=FD0005&timestamp=" + ts + "&lat=53.55&lon=-2.10";
        assertThat(get(q).statusCode()).isEqualTo(200);
        assertThat(get(q).statusCode()).isEqualTo(200);
        assertThat(get(q).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id = 'FD0005' and fix_time = ?")
                .param(java.sql.Timestamp.from(Instant.ofEpochSecond(ts))).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSamePositionSentOnSeveralConnectionsAtOnceIsStoredOnceAndAnsweredEverywhere() throws Exception {
        // Two writer threads (the default) may hold copies of one position in batches committing at the same moment.
        long ts = nextSecond();
        List<String> queries = new ArrayList<>();
        for (int device = 21; device <= 26; device++) { // devices no other test uses
            queries.add("id=FD00" + device + "&timestamp=" + ts + "&lat=53.56&lon=-2.11");
        }
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int copy = 0; copy < 4; copy++) {
                for (String q : queries) {
                    answers.add(pool.submit(() -> get(q).statusCode()));
                }
            }
        }
        for (var answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id between 'FD0021' and 'FD0026' and fix_time = ?")
                .param(java.sql.Timestamp.from(Instant.ofEpochSecond(ts))).query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void aLastPositionLeftBehindByAStoppedNodeIsRepairedFromTheStoredPositions() throws Exception {
        long ts = nextSecond();
        assertThat(get("id=FD0007&timestamp=" + ts + "&lat=53.5123&lon=-2.2345").statusCode()).isEqualTo(200);
        lastPositions.awaitIdle();
        long vehicleId = jdbc.sql("select id from vehicle where tracker_device_id = 'FD0007'").query(Long.class).single();
        // As if the node had stopped after storing the position but before its last-position round.
        jdbc.sql("update vehicle_last_position set fix_time = fix_time - interval '3 days', latitude = 0 where vehicle_id = ?")
                .param(vehicleId).update();

        assertThat(lastPositions.repairFromPositions()).isPositive();

        var newestStored = jdbc.sql("select fix_time, latitude from vehicle_position where vehicle_id = ? order by fix_time desc limit 1")
                .param(vehicleId).query().singleRow();
        var last = jdbc.sql("select fix_time, latitude from vehicle_last_position where vehicle_id = ?").param(vehicleId).query().singleRow();
        assertThat(last).isEqualTo(newestStored);
        assertThat(lastPositions.repairFromPositions()).as("nothing left to repair").isZero();
    }

    @Test
    void aBatchMixingRetriesWithNewPositionsStoresAndReportsEachNewOneOnce() throws Exception {
        long retried = nextSecond();
        long fresh = nextSecond();
        long alsoFresh = nextSecond();
        assertThat(get("id=FD0006&timestamp=" + retried + "&lat=53.55&lon=-2.10").statusCode()).isEqualTo(200);
        var vehicle = jdbc.sql("select id, depot_id, registration from vehicle where tracker_device_id = 'FD0006'").query().singleRow();
        java.util.function.LongFunction<PositionWriter.Pending> position = second -> new PositionWriter.Pending(
                new PositionReport("FD0006", Instant.ofEpochSecond(second), 53.56, -2.11, 30.0, 90.0, null, null, null, null, null,
                        null, null, null, null, null, null, null, java.util.Map.of()),
                ((Number) vehicle.get("id")).longValue(), ((Number) vehicle.get("depot_id")).longValue(), (String) vehicle.get("registration"),
                Instant.now(), new java.util.concurrent.CompletableFuture<>());
        PositionWriter.Pending copy1 = position.apply(fresh);
        PositionWriter.Pending copy2 = position.apply(fresh); // the same position twice in one batch
        PositionWriter.Pending other = position.apply(alsoFresh);

        List<PositionWriter.Pending> stored = writer.writeNow(List.of(position.apply(retried), copy1, copy2, other));

        assertThat(stored).containsExactly(copy1, other);
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id = 'FD0006' and fix_time between ? and ?")
                .params(java.sql.Timestamp.from(Instant.ofEpochSecond(retried)), java.sql.Timestamp.from(Instant.ofEpochSecond(alsoFresh)))
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void everyFieldOfABatchIsStoredAsSentAndAnEmptyOneAsNull() throws Exception {
        var vehicle = jdbc.sql("select id, depot_id, registration from vehicle where tracker_device_id = 'FD0009'").query().singleRow();
        long vehicleId = ((Number) vehicle.get("id")).longValue();
        Instant fix = Instant.ofEpochSecond(nextSecond(), 123_456_789); // below a microsecond is cut, as PostgreSQL keeps it
        Instant received = Instant.now();
        var full = new PositionWriter.Pending(new PositionReport("FD0009", fix, 53.123456789, -2.987654321, 48.5, 271.25, 87.5, 4.5,
                120_345.678, 61.5, 92.25, 2150, 12.75, 88.0, true, false, true, "DRV-Ł7", java.util.Map.of("tid", "é\"\\x\ty")),
                vehicleId, ((Number) vehicle.get("depot_id")).longValue(), (String) vehicle.get("registration"), received,
                new java.util.concurrent.CompletableFuture<>());
        var sparse = new PositionWriter.Pending(new PositionReport("FD0009", fix.plusSeconds(1), 53.2, -2.9, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, java.util.Map.of()), vehicleId, ((Number) vehicle.get("depot_id")).longValue(),
                (String) vehicle.get("registration"), received, new java.util.concurrent.CompletableFuture<>());

        assertThat(writer.writeNow(List.of(full, sparse))).containsExactly(full, sparse);

        var row = jdbc.sql("select * from vehicle_position where device_id = 'FD0009' and fix_time = ?")
                .param(java.sql.Timestamp.from(fix.truncatedTo(java.time.temporal.ChronoUnit.MICROS))).query().singleRow();
        assertThat(((java.sql.Timestamp) row.get("received_at")).toInstant()).isEqualTo(full.receivedAt());
        assertThat(row.get("vehicle_id")).isEqualTo(vehicleId);
        assertThat(row.get("latitude")).isEqualTo(53.123456789);
        assertThat(row.get("longitude")).isEqualTo(-2.987654321);
        assertThat(row).containsEntry("speed_kmh", 48.5f).containsEntry("heading", 271.25f).containsEntry("altitude_m", 87.5f)
                .containsEntry("accuracy_m", 4.5f).containsEntry("odometer_km", 120_345.678).containsEntry("fuel_pct", 61.5f)
                .containsEntry("engine_temp_c", 92.25f).containsEntry("rpm", 2150).containsEntry("battery_v", 12.75f)
                .containsEntry("battery_pct", 88.0f).containsEntry("ignition", true).containsEntry("harsh_brake", false)
                .containsEntry("harsh_accel", true).containsEntry("driver_ref", "DRV-Ł7");
        assertThat(jdbc.sql("select attributes ->> 'tid' from vehicle_position where device_id = 'FD0009' and fix_time = ?")
                .param(java.sql.Timestamp.from(fix.truncatedTo(java.time.temporal.ChronoUnit.MICROS))).query(String.class).single())
                .isEqualTo("é\"\\x\ty");

        var empty = jdbc.sql("select * from vehicle_position where device_id = 'FD0009' and fix_time = ?")
                .param(java.sql.Timestamp.from(fix.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MICROS))).query().singleRow();
        for (String column : List.of("speed_kmh", "heading", "altitude_m", "accuracy_m", "odometer_km", "fuel_pct", "engine_temp_c", "rpm",
                "battery_v", "battery_pct", "ignition", "harsh_brake", "harsh_accel", "driver_ref", "attributes")) {
            assertThat(empty.get(column)).as(column).isNull();
        }
    }

    @Test
    void badRequestsGetAReasonAndAreCountedWhileValidDataNextToThemIsKept() throws Exception {
        double before = meters.counter("fleetdesk.ingest.rejected", "reason", "malformed").count();
        long ok1 = nextSecond();
        assertThat(get("id=FD0006&timestamp=" + ok1 + "&lat=53.5&lon=-2.2").statusCode()).isEqualTo(200);
        List<HttpResponse<String>> bad = new ArrayList<>();
        bad.add(get("garbage&&==&%3D%3D=&x"));
        bad.add(get("id=FD0006&timestamp=" + nextSecond() + "&lon=-2.2"));
        bad.add(get("id=FD0006&timestamp=" + nextSecond() + "&lat=91&lon=-2.2"));
        bad.add(get("id=FD0006&timestamp=" + (Instant.now().getEpochSecond() + 86_400) + "&lat=53.5&lon=-2.2"));
        bad.add(get("id=FD0006&timestamp=yesterday&lat=53.5&lon=-2.2"));
        bad.add(get("id=FD0006&lat=abc&lon=-2.2"));
        bad.add(post("/telemetry", "application/json", "{\"deviceId\":\"FD0006\",\"lat\":\"53.5\",\"lon\":-2.2}"));
        bad.add(post("/telemetry", "application/json", "{not json"));
        bad.add(post("/", "application/json", "[1,2,3]"));
        long ok2 = nextSecond();
        assertThat(get("id=FD0006&timestamp=" + ok2 + "&lat=53.6&lon=-2.2").statusCode()).isEqualTo(200);

        assertThat(bad).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isNotBlank();
        });
        assertThat(bad.get(1).body()).contains("missing lat/lon");
        assertThat(bad.get(2).body()).contains("outside -90..90");
        assertThat(bad.get(3).body()).contains("in the future");
        assertThat(meters.counter("fleetdesk.ingest.rejected", "reason", "malformed").count()).isEqualTo(before + bad.size());
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id = 'FD0006' and fix_time in (?, ?)")
                .params(java.sql.Timestamp.from(Instant.ofEpochSecond(ok1)), java.sql.Timestamp.from(Instant.ofEpochSecond(ok2)))
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        var response = post("/", "application/x-www-form-urlencoded", "id=FD0007&junk=" + "x".repeat(1024 * 1024));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than");
    }

    @Test
    void chunkedBodiesAreReadAndOversizedChunkedOnesRefused() throws Exception {
        long ts = nextSecond();
        // A body of unknown length goes out chunked (no Content-Length), as some HTTP clients send it.
        java.util.function.Function<String, HttpRequest> chunked = body -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        var stored = http.send(chunked.apply("id=FD0007&timestamp=" + ts + "&lat=53.41&lon=-2.19"), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id = 'FD0007' and fix_time = ?")
                .param(java.sql.Timestamp.from(Instant.ofEpochSecond(ts))).query(Long.class).single()).isEqualTo(1);

        var refused = http.send(chunked.apply("id=FD0007&junk=" + "x".repeat(1024 * 1024)), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(get("id=FD0007&timestamp=" + nextSecond() + "&lat=53.42&lon=-2.19").statusCode()).as("the port still answers").isEqualTo(200);
    }

    @Test
    void fleetdeskTelemetryMovesTheOdometerForward() throws Exception {
        long vehicleOdo = jdbc.sql("select odometer_km::bigint from vehicle where tracker_device_id = 'FD0008'").query(Long.class).single();
        long vehicleHours = jdbc.sql("select engine_hours::bigint from vehicle where tracker_device_id = 'FD0008'").query(Long.class).single();
        String iso = Instant.ofEpochSecond(nextSecond()).toString();
        var response = post("/telemetry", "application/json", """
                {"deviceId":"FD0008","time":"%s","lat":53.45,"lon":-2.30,"speedKmh":48.5,"heading":12,"odometerKm":%d,
                 "fuelPct":61.5,"engineTempC":88,"rpm":1800,"batteryV":13.9,"ignition":true,"harshBrake":false,"harshAccel":true,
                 "driverId":"D-17","engineHours":%d}
                """.formatted(iso, vehicleOdo + 25, vehicleHours + 3));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select odometer_km::bigint from vehicle where tracker_device_id = 'FD0008'").query(Long.class).single())
                .isEqualTo(vehicleOdo + 25);
        assertThat(jdbc.sql("select engine_hours::bigint from vehicle where tracker_device_id = 'FD0008'").query(Long.class).single())
                .isEqualTo(vehicleHours + 3);
        var row = jdbc.sql("select rpm, harsh_accel, fuel_pct from vehicle_position where device_id = 'FD0008' and fix_time = ?")
                .param(java.sql.Timestamp.from(Instant.parse(iso))).query().singleRow();
        assertThat(row.get("rpm")).isEqualTo(1800);
        assertThat(row.get("harsh_accel")).isEqualTo(true);
    }

    @Test
    void aFloodFromOneDeviceIsRateLimited() throws Exception {
        int limited = 0;
        long base = Instant.now().minus(20, ChronoUnit.DAYS).getEpochSecond();
        for (int i = 0; i < 400 && limited == 0; i++) {
            var r = get("id=FD0009&timestamp=" + (base + i) + "&lat=53.5&lon=-2.2");
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).isPositive();
    }

    @Test
    void killedDatabaseConnectionsMidStreamLoseNothingAccepted() throws Exception {
        List<Long> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        long base = Instant.now().minus(10, ChronoUnit.DAYS).getEpochSecond();
        Thread killer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5; i++) {
                try {
                    Thread.sleep(40);
                    jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")
                            .query(Long.class).single();
                } catch (Exception ignored) {
                    // our own connection may be among the killed ones
                }
            }
        });
        for (int i = 0; i < 150; i++) {
            long ts = base + i;
            try {
                var r = get("id=FD0011&timestamp=" + ts + "&lat=53.5&lon=-2.2");
                if (r.statusCode() == 200) {
                    accepted.add(ts);
                } else {
                    assertThat(r.statusCode()).isIn(503);
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("a tracker's connection was dropped", e);
            }
        }
        killer.join();
        assertThat(accepted).hasSizeGreaterThan(100);
        long stored = jdbc.sql("select count(*) from vehicle_position where device_id = 'FD0011' and fix_time >= ? and fix_time < ?")
                .params(java.sql.Timestamp.from(Instant.ofEpochSecond(base)), java.sql.Timestamp.from(Instant.ofEpochSecond(base + 150)))
                .query(Long.class).single();
        assertThat(stored).isGreaterThanOrEqualTo(accepted.size());
    }
}
