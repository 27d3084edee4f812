package com.fleetdesk.telematics;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.notifications.UserNotificationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alert rules evaluated on real ingest: telemetry goes in over HTTP, alerts and notifications come out. */
@FleetdeskTest
class AlertEngineTest {

    @Autowired
    IngestHttpServer server;
    @Autowired
    AlertEngine engine;
    @Autowired
    LastPositions lastPositions;
    @Autowired
    AlertService alerts;
    @Autowired
    UserNotificationService notifications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SignedIn signedIn;

    private final HttpClient http = HttpClient.newHttpClient();

    private void send(String device, Instant at, double lat, double lon, String extra) throws Exception {
        String body = "{\"deviceId\":\"%s\",\"time\":\"%s\",\"lat\":%s,\"lon\":%s%s}".formatted(device, at, lat, lon, extra);
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/telemetry"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private long depotOf(String device) {
        return jdbc.sql("select depot_id from vehicle where tracker_device_id = ?").param(device).query(Long.class).single();
    }

    /** Alerts of the device raised by this test's own rule (the demo data has rules of its own). */
    private List<VehicleAlert> alertsOf(String device, AlertRule rule) {
        long vehicle = jdbc.sql("select id from vehicle where tracker_device_id = ?").param(device).query(Long.class).single();
        return signedIn.as("admin", () -> alerts.list(new AlertFilter(Set.of(), null, null, vehicle), 0, 100)).stream()
                .filter(a -> rule.getId().equals(a.getRuleId())).toList();
    }

    @Test
    void overspeedNeedsTheMinimumDurationAndRaisesOneAlertWhileItLasts() throws Exception {
        String device = "FD0013";
        long depot = depotOf(device);
        AlertRule rule = signedIn.as("admin", () -> alerts.saveRule(new AlertRule(depot, AlertKind.OVERSPEED, 100.0, 30, null, AlertSeverity.HIGH)));
        try {
            String manager = jdbc.sql("select a.username from user_account a join user_account_role r on r.user_account_id = a.id and r.role = 'FLEET_MANAGER' "
                    + "join user_account_depot d on d.user_account_id = a.id and d.depot_id = ? order by a.username limit 1").param(depot).query(String.class).single();
            long unreadBefore = signedIn.as(manager, notifications::unreadCount);
            Instant t = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            send(device, t, 53.40, -2.20, ",\"speedKmh\":120");
            send(device, t.plusSeconds(20), 53.41, -2.20, ",\"speedKmh\":118");
            engine.awaitIdle();
            assertThat(alertsOf(device, rule)).noneMatch(a -> a.getKind() == AlertKind.OVERSPEED); // only 20 s so far
            send(device, t.plusSeconds(40), 53.42, -2.20, ",\"speedKmh\":125");
            send(device, t.plusSeconds(60), 53.43, -2.20, ",\"speedKmh\":130");
            engine.awaitIdle();
            var overspeed = alertsOf(device, rule).stream().filter(a -> a.getKind() == AlertKind.OVERSPEED).toList();
            assertThat(overspeed).hasSize(1);
            assertThat(overspeed.getFirst().getMessage()).contains("125.0 km/h", "limit 100.0 km/h", "for 40 s");
            assertThat(overspeed.getFirst().getSeverity()).isEqualTo(AlertSeverity.HIGH);
            assertThat(signedIn.as(manager, notifications::unreadCount)).isGreaterThan(unreadBefore);
            assertThat(signedIn.as(manager, () -> notifications.mine(10))).anySatisfy(n ->
                    assertThat(n.getLink()).isEqualTo("alerts?alert=" + overspeed.getFirst().getId()));

            // Still speeding: no second alert while the first is open, a new one once it is resolved.
            send(device, t.plusSeconds(80), 53.44, -2.20, ",\"speedKmh\":131");
            engine.awaitIdle();
            assertThat(alertsOf(device, rule).stream().filter(a -> a.getKind() == AlertKind.OVERSPEED)).hasSize(1);
            VehicleAlert first = overspeed.getFirst();
            signedIn.run("admin", () -> alerts.resolve(first.getId(), first.getVersion(), "Spoke to the driver"));
            send(device, t.plusSeconds(100), 53.45, -2.20, ",\"speedKmh\":128");
            engine.awaitIdle();
            assertThat(alertsOf(device, rule).stream().filter(a -> a.getKind() == AlertKind.OVERSPEED).map(VehicleAlert::getStatus))
                    .containsExactlyInAnyOrder(AlertStatus.RESOLVED, AlertStatus.OPEN);
        } finally {
            signedIn.run("admin", () -> alerts.deleteRule(rule.getId()));
        }
    }

    @Test
    void harshBrakingRaisesAnAlertPerEventAndLifecycleRecordsWhoAndWhen() throws Exception {
        String device = "FD0014";
        long depot = depotOf(device);
        AlertRule rule = signedIn.as("admin", () -> alerts.saveRule(new AlertRule(depot, AlertKind.HARSH_BRAKING, null, 0, null, AlertSeverity.MEDIUM)));
        try {
            Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            send(device, t, 53.40, -2.20, ",\"speedKmh\":50,\"harshBrake\":true");
            send(device, t.plusSeconds(5), 53.40, -2.20, ",\"speedKmh\":10,\"harshBrake\":false");
            send(device, t.plusSeconds(60), 53.41, -2.20, ",\"speedKmh\":45,\"harshBrake\":true");
            engine.awaitIdle();
            var harsh = alertsOf(device, rule).stream().filter(a -> a.getKind() == AlertKind.HARSH_BRAKING).toList();
            assertThat(harsh).hasSize(2);

            VehicleAlert alert = harsh.getFirst();
            signedIn.run("driver", () -> assertThatThrownBy(() -> alerts.acknowledge(alert.getId(), alert.getVersion()))
                    .isInstanceOf(AccessDeniedException.class));
            VehicleAlert acked = signedIn.as("admin", () -> alerts.acknowledge(alert.getId(), alert.getVersion()));
            assertThat(acked.getStatus()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(acked.getAcknowledgedBy()).isEqualTo("admin");
            assertThat(acked.getAcknowledgedAt()).isNotNull();
            signedIn.run("admin", () -> assertThatThrownBy(() -> alerts.resolve(alert.getId(), alert.getVersion(), "stale"))
                    .isInstanceOf(ChangedBySomeoneElseException.class));
            VehicleAlert resolved = signedIn.as("admin", () -> alerts.resolve(acked.getId(), acked.getVersion(), "Talked to the driver"));
            assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(resolved.getResolvedBy()).isEqualTo("admin");
            assertThat(resolved.getResolutionNote()).isEqualTo("Talked to the driver");
            signedIn.run("admin", () -> assertThatThrownBy(() -> alerts.acknowledge(resolved.getId(), resolved.getVersion()))
                    .hasMessageContaining("Only an open alert"));
        } finally {
            signedIn.run("admin", () -> alerts.deleteRule(rule.getId()));
        }
    }

    @Test
    void geofenceEntryIsRaisedOnTheTransitionOnly() throws Exception {
        String device = "FD0015";
        long depot = depotOf(device);
        Geofence yard = signedIn.as("admin", () -> alerts.saveGeofence(Geofence.circle(depot, "Customer yard", 53.50, -2.50, 500)));
        AlertRule rule = signedIn.as("admin", () -> alerts.saveRule(new AlertRule(depot, AlertKind.GEOFENCE_ENTER, null, 0, yard.getId(), AlertSeverity.LOW)));
        try {
            Instant t = Instant.now().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            send(device, t, 53.52, -2.50, ""); // about 2.2 km north: outside
            send(device, t.plusSeconds(30), 53.501, -2.50, ""); // inside
            send(device, t.plusSeconds(60), 53.5005, -2.501, ""); // still inside
            engine.awaitIdle();
            var entered = alertsOf(device, rule).stream().filter(a -> a.getKind() == AlertKind.GEOFENCE_ENTER).toList();
            assertThat(entered).hasSize(1);
            assertThat(entered.getFirst().getMessage()).contains("entered Customer yard");
        } finally {
            signedIn.run("admin", () -> {
                alerts.deleteRule(rule.getId());
                alerts.deleteGeofence(yard.getId());
            });
        }
    }

    @Test
    void geofenceShapesKnowWhatIsInside() {
        Geofence square = Geofence.polygon(1, "Square", List.of(new double[]{53.0, -2.0}, new double[]{53.0, -1.0}, new double[]{54.0, -1.0}, new double[]{54.0, -2.0}));
        assertThat(square.contains(53.5, -1.5)).isTrue();
        assertThat(square.contains(54.5, -1.5)).isFalse();
        assertThatThrownBy(() -> Geofence.polygon(1, "Line", List.of(new double[]{53, -2}, new double[]{54, -2})))
                .hasMessageContaining("at least three corners");
        assertThatThrownBy(() -> Geofence.circle(1, "Huge", 53, -2, 1_000_000)).hasMessageContaining("radius");
    }

    @Test
    void silentDevicesAreReportedOffline() throws Exception {
        String device = "FD0016";
        long depot = depotOf(device);
        AlertRule rule = signedIn.as("admin", () -> alerts.saveRule(new AlertRule(depot, AlertKind.DEVICE_OFFLINE, 30.0, 0, null, AlertSeverity.MEDIUM)));
        try {
            jdbc.sql("update vehicle set status = 'ACTIVE' where tracker_device_id = ?").param(device).update();
            send(device, Instant.now().minus(45, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS), 53.4, -2.2, "");
            lastPositions.awaitIdle(); // the offline check reads the last positions, written in their own round
            engine.checkOfflineAndMaintenance();
            assertThat(alertsOf(device, rule)).anySatisfy(a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.DEVICE_OFFLINE);
                assertThat(a.getMessage()).contains("for 4");
            });
            int again = engine.checkOfflineAndMaintenance();
            assertThat(alertsOf(device, rule).stream().filter(a -> a.getKind() == AlertKind.DEVICE_OFFLINE)).hasSize(1);
        } finally {
            signedIn.run("admin", () -> alerts.deleteRule(rule.getId()));
        }
    }

    @Test
    void rulesAreValidatedAndScopedToTheManagersDepot() {
        long otherDepot = jdbc.sql("select d.id from depot d where d.id not in (select depot_id from user_account_depot ud join user_account a on a.id = ud.user_account_id where a.username = 'manager') limit 1")
                .query(Long.class).single();
        signedIn.run("manager", () -> {
            assertThatThrownBy(() -> alerts.saveRule(new AlertRule(otherDepot, AlertKind.LOW_FUEL, 10.0, 0, null, AlertSeverity.LOW)))
                    .isInstanceOf(AccessDeniedException.class);
            long own = jdbc.sql("select ud.depot_id from user_account_depot ud join user_account a on a.id = ud.user_account_id where a.username = 'manager'").query(Long.class).single();
            assertThatThrownBy(() -> alerts.saveRule(new AlertRule(own, AlertKind.OVERSPEED, null, 0, null, AlertSeverity.LOW)))
                    .hasMessageContaining("needs a threshold");
            assertThatThrownBy(() -> alerts.saveRule(new AlertRule(own, AlertKind.GEOFENCE_EXIT, null, 0, null, AlertSeverity.LOW)))
                    .hasMessageContaining("Choose the geofence");
        });
    }
}
