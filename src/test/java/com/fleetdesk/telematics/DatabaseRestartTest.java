package com.fleetdesk.telematics;

import com.fleetdesk.SignedIn;
import com.fleetdesk.base.ui.FailureNotices;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * PostgreSQL stopped and started again under tracker load — a real server restart on the same
 * data directory and port, not just dropped connections: every position answered 200 is stored,
 * ingest and screens recover by themselves, and meanwhile users are told the database is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        // Without Vaadin: its security auto-configuration replaces the JVM-wide security context
        // strategy, which would break the other test contexts that run after this one.
        "spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,com.vaadin.flow.spring.SpringSecurityAutoConfiguration"})
@ActiveProfiles("test")
@org.springframework.test.annotation.DirtiesContext
class DatabaseRestartTest {

    static Path dataDir;
    static int port;
    static volatile EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("fleetdesk-restart-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create database fleetdesk");
        }
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + port + "/fleetdesk?user=postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("fleetdesk.ingest.store-timeout-ms", () -> "3000");
    }

    private static EmbeddedPostgres startPostgres() throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("timezone", "UTC").start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Autowired
    IngestHttpServer ingest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    VehicleService vehicles;
    @Autowired
    SignedIn signedIn;

    @Test
    void restartedUnderLoadLosesNothingAcceptedAndRecoversByItself() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long base = Instant.now().minus(3, ChronoUnit.DAYS).getEpochSecond();
        List<Long> accepted = new CopyOnWriteArrayList<>();
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        List<Long> acceptedAfterRestart = new CopyOnWriteArrayList<>();
        var restarted = new java.util.concurrent.atomic.AtomicBoolean();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();

        Thread tracker = Thread.ofPlatform().start(() -> {
            for (long ts = base; !stop.get(); ts++) {
                try {
                    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port()
                                    + "/?id=FD0012&timestamp=" + ts + "&lat=53.48&lon=-2.24&speed=10"))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        accepted.add(ts);
                        if (restarted.get()) {
                            acceptedAfterRestart.add(ts);
                        }
                    } else {
                        refusals.add(response.statusCode());
                    }
                    Thread.sleep(5);
                } catch (Exception e) {
                    throw new AssertionError("the tracker's request got no answer", e);
                }
            }
        });

        Thread.sleep(1500);
        postgres.close();
        Thread.sleep(1000);
        // While the database is down a screen's request fails with a sentence the user understands.
        Throwable failure = catchThrowable(() -> signedIn.as("admin", () -> vehicles.count(VehicleFilter.none())));
        assertThat(failure).isNotNull();
        assertThat(FailureNotices.messageFor(failure)).isEqualTo(FailureNotices.DATABASE_DOWN);
        Thread.sleep(2000);
        postgres = startPostgres();
        restarted.set(true);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acceptedAfterRestart.size() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        stop.set(true);
        tracker.join(30_000);

        assertThat(acceptedAfterRestart).as("positions accepted after the restart, without anyone restarting Fleetdesk").hasSizeGreaterThanOrEqualTo(50);
        assertThat(refusals).as("answers while the database was down").isNotEmpty().allMatch(status -> status == 503);
        List<Long> stored = jdbc.sql("select extract(epoch from fix_time)::bigint from vehicle_position where device_id = 'FD0012' and fix_time >= ?")
                .param(java.sql.Timestamp.from(Instant.ofEpochSecond(base))).query(Long.class).list();
        assertThat(stored).as("every position answered 200 is stored").containsAll(accepted);
        assertThat(signedIn.as("admin", () -> vehicles.count(VehicleFilter.none()))).isPositive();
    }
}
