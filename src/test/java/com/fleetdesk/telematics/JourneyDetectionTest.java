package com.fleetdesk.telematics;

import com.fleetdesk.FleetdeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions in over HTTP; a draft trip for the vehicle's driver comes out when the vehicle has stopped. */
@FleetdeskTest
class JourneyDetectionTest {

    @Autowired
    IngestHttpServer server;
    @Autowired
    JourneyDetector detector;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FleetPositionService positions;
    @Autowired
    com.fleetdesk.SignedIn signedIn;

    private final HttpClient http = HttpClient.newHttpClient();

    private void send(String device, Instant at, double lat, double lon, double speedKnots) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/?id=" + device + "&timestamp="
                + at.getEpochSecond() + "&lat=" + lat + "&lon=" + lon + "&speed=" + speedKnots)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aDriveFollowedByAStopBecomesADraftTripWithTheGpsDistance() throws Exception {
        String device = jdbc.sql("""
                select v.tracker_device_id from vehicle v join driver d on d.id = v.current_driver_id
                  join user_account a on a.id = d.user_account_id where a.username = 'driver' limit 1
                """).query(String.class).single();
        long tripsBefore = jdbc.sql("select count(*) from trip_log where owner_username = 'driver' and distance_source = 'GPS'").query(Long.class).single();
        Instant t = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // 10 minutes northwards at about 43 km/h (0.0065 degrees latitude = 0.72 km per minute)...
        for (int minute = 0; minute <= 10; minute++) {
            send(device, t.plusSeconds(minute * 60L), 53.40 + minute * 0.0065, -2.20, 23.3);
        }
        // ...then standing still for 6 minutes.
        for (int minute = 11; minute <= 17; minute++) {
            send(device, t.plusSeconds(minute * 60L), 53.465, -2.20, 0);
        }
        detector.awaitIdle();
        var trip = jdbc.sql("""
                select distance_km, status, started_at, ended_at, start_odometer_km, end_odometer_km from trip_log
                 where owner_username = 'driver' and distance_source = 'GPS' order by id desc limit 1
                """).query().singleRow();
        assertThat(jdbc.sql("select count(*) from trip_log where owner_username = 'driver' and distance_source = 'GPS'").query(Long.class).single())
                .isEqualTo(tripsBefore + 1);
        assertThat(((Number) trip.get("distance_km")).doubleValue()).isBetween(7.0, 7.5);
        assertThat(trip.get("status")).isEqualTo("DRAFT");
        assertThat(((java.sql.Timestamp) trip.get("started_at")).toInstant()).isEqualTo(t);
        assertThat(((java.sql.Timestamp) trip.get("ended_at")).toInstant()).isEqualTo(t.plusSeconds(600));
        assertThat(((java.math.BigDecimal) trip.get("end_odometer_km")).subtract((java.math.BigDecimal) trip.get("start_odometer_km")))
                .isEqualByComparingTo(trip.get("distance_km").toString());

        // The same drive replayed as a trail: every position, the distance, and the stop at the end.
        long vehicleId = jdbc.sql("select id from vehicle where tracker_device_id = ?").param(device).query(Long.class).single();
        Trail trail = signedIn.as("admin", () -> positions.trail(vehicleId, t, t.plusSeconds(18 * 60)));
        assertThat(trail.points()).hasSize(18);
        assertThat(trail.distanceKm()).isBetween(7.0, 7.5);
        assertThat(trail.stops()).hasSize(1);
        assertThat(trail.stops().getFirst().from()).isEqualTo(t.plusSeconds(11 * 60));
        signedIn.run("admin", () -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> positions.trail(vehicleId, t, t.plus(8, ChronoUnit.DAYS)))
                .hasMessageContaining("at most 7 days"));
    }

    @Test
    void shortManoeuvresAreNotTrips() throws Exception {
        String device = "FD0020";
        long before = jdbc.sql("select count(*) from trip_log where distance_source = 'GPS'").query(Long.class).single();
        Instant t = Instant.now().minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        send(device, t, 53.30, -2.10, 6);
        send(device, t.plusSeconds(30), 53.3002, -2.10, 4);
        for (int i = 1; i <= 7; i++) {
            send(device, t.plusSeconds(30 + i * 60L), 53.3003, -2.10, 0);
        }
        detector.awaitIdle();
        assertThat(jdbc.sql("select count(*) from trip_log where distance_source = 'GPS'").query(Long.class).single()).isEqualTo(before);
    }
}
