package com.fleetdesk.telematics.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.PushedUpdates;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.base.ui.map.MarkerClickEvent;
import com.fleetdesk.base.ui.map.ShapeDrawnEvent;
import com.fleetdesk.telematics.AlertService;
import com.fleetdesk.telematics.VehicleMove;
import com.fleetdesk.telematics.VehicleOnMap;
import com.fleetdesk.telematics.VehiclesMoved;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {LiveMapView.class, MainLayout.class})
class TelematicsViewsTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AlertService alerts;
    @Autowired
    LiveMapMarkers liveMarkers;

    private long placeVehicle(String device, double lat, double lon) {
        long id = jdbc.sql("select id from vehicle where tracker_device_id = ?").param(device).query(Long.class).single();
        jdbc.sql("""
                insert into vehicle_last_position (vehicle_id, device_id, fix_time, received_at, latitude, longitude, speed_kmh, heading)
                values (?, ?, now(), now(), ?, ?, 35, 90)
                on conflict (vehicle_id) do update set latitude = excluded.latitude, longitude = excluded.longitude, fix_time = now()
                """).params(id, device, lat, lon).update();
        return id;
    }

    @Test
    @WithUserDetails("admin")
    void markersMoveByPushAndClickingOpensTheVehiclePanel() {
        long id = placeVehicle("FD0030", 53.45, -2.25);
        LiveMapView view = navigate(LiveMapView.class);
        var marker = view.map.getMarker(String.valueOf(id)).orElseThrow();
        assertThat(marker.lat()).isEqualTo(53.45);
        assertThat(marker.status()).startsWith("Moving");
        // Named "plate, status, make and model" in the browser: the title does not repeat the plate or the status.
        assertThat(marker.label()).isEqualTo(jdbc.sql("select registration from vehicle where id = ?").param(id).query(String.class).single());
        assertThat(marker.title()).isEqualTo(jdbc.sql("select make || ' ' || model from vehicle where id = ?").param(id).query(String.class).single());

        tx.executeWithoutResult(s -> events.publishEvent(new VehiclesMoved(List.of(
                new VehicleMove(id, 53.46, -2.26, 0.0, 10.0, false, 55.0, Instant.now())))));
        // Moves are gathered for up to half a second, then handed to the UI together.
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            PushedUpdates.deliver();
            assertThat(view.map.getMarker(String.valueOf(id)).orElseThrow().lat()).isEqualTo(53.46);
        });
        var moved = view.map.getMarker(String.valueOf(id)).orElseThrow();
        assertThat(moved.status()).isEqualTo("Stopped");

        ComponentUtil.fireEvent(view.map, new MarkerClickEvent(view.map, true, String.valueOf(id)));
        assertThat(view.panel.getChildren().filter(c -> c instanceof H2).map(c -> ((H2) c).getText()))
                .first().isEqualTo(jdbc.sql("select registration from vehicle where id = ?").param(id).query(String.class).single());
        assertThat($(Button.class).withText("Replay trail").exists()).isTrue();

        // The open panel follows the selected vehicle's moves
        tx.executeWithoutResult(s -> events.publishEvent(new VehiclesMoved(List.of(
                new VehicleMove(id, 53.47, -2.27, 42.0, 10.0, true, 54.0, Instant.now())))));
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            PushedUpdates.deliver();
            assertThat(view.panel.getElement().getTextRecursively()).contains("Moving", "42 km/h", "54 %");
        });
    }

    @Test
    @WithUserDetails("driver")
    void driverSeesOnlyTheirOwnVehicleOnTheMap() {
        long own = jdbc.sql("""
                select v.id from vehicle v join driver d on d.id = v.current_driver_id join user_account u on u.id = d.user_account_id
                 where lower(u.username) = 'driver'""").query(Long.class).single();
        String ownDevice = jdbc.sql("select tracker_device_id from vehicle where id = ?").param(own).query(String.class).single();
        placeVehicle(ownDevice, 53.40, -2.20);
        LiveMapView view = navigate(LiveMapView.class);
        assertThat(view.summary.getText()).startsWith("1 vehicles");

        // Markers are prepared once for every map on the node (here another user's map knows every
        // vehicle); this map still shows only what its own user may see.
        long other = jdbc.sql("select id from vehicle where id <> ? order by id limit 1").param(own).query(Long.class).single();
        liveMarkers.remember(List.of(new VehicleOnMap(other, "OTHER 1", "Van", 1, "Depot", "ACTIVE", null, 53.0, -2.0, 0.0, null,
                null, false, Instant.now().minusSeconds(60))));
        tx.executeWithoutResult(s -> events.publishEvent(new VehiclesMoved(List.of(
                new VehicleMove(other, 53.01, -2.01, 40.0, 0.0, true, null, Instant.now()),
                new VehicleMove(own, 53.41, -2.21, 40.0, 0.0, true, null, Instant.now())))));
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            PushedUpdates.deliver();
            assertThat(view.map.getMarker(String.valueOf(own)).orElseThrow().lat()).isEqualTo(53.41);
        });
        assertThat(view.map.getMarkers()).extracting(com.fleetdesk.base.ui.map.MapMarker::id).containsExactly(String.valueOf(own));
    }

    @Test
    @WithUserDetails("manager")
    void aPolygonDrawnOnTheMapIsSavedAsAGeofence() {
        GeofencesView view = navigate(GeofencesView.class);
        test(view.name).setValue("Retail park");
        test($(Button.class).withText("Draw polygon").single()).click();
        var detail = JsonMapper.builder().build().readTree("""
                {"type":"polygon","points":[[53.40,-2.20],[53.40,-2.18],[53.42,-2.18],[53.42,-2.20]]}""");
        ComponentUtil.fireEvent(view.map, new ShapeDrawnEvent(view.map, true, detail));
        assertThat(alerts.geofences()).anySatisfy(g -> {
            assertThat(g.getName()).isEqualTo("Retail park");
            assertThat(g.vertices()).hasSize(4);
            assertThat(g.contains(53.41, -2.19)).isTrue();
        });
        assertThat(view.map.getShapes()).anySatisfy(s -> assertThat(s.label()).isEqualTo("Retail park"));
    }

    @Test
    @WithUserDetails("manager")
    void redrawingAGeofenceKeepsItsIdentity() {
        GeofencesView view = navigate(GeofencesView.class);
        test(view.name).setValue("Loading bay");
        test($(Button.class).withText("Draw circle").single()).click();
        var json = JsonMapper.builder().build();
        ComponentUtil.fireEvent(view.map, new ShapeDrawnEvent(view.map, true,
                json.readTree("{\"type\":\"circle\",\"center\":[53.45,-2.25],\"radius\":150}")));
        var original = alerts.geofences().stream().filter(g -> g.getName().equals("Loading bay")).findFirst().orElseThrow();
        int row = alerts.geofences().indexOf(original);
        test((Button) test(view.grid).getCellComponent(row, 2)).click(); // the Edit column
        test($(Button.class).withText("Draw circle").single()).click();
        ComponentUtil.fireEvent(view.map, new ShapeDrawnEvent(view.map, true,
                json.readTree("{\"type\":\"circle\",\"center\":[53.46,-2.26],\"radius\":400}")));
        var redrawn = alerts.geofences().stream().filter(g -> g.getId().equals(original.getId())).findFirst().orElseThrow();
        assertThat(redrawn.getRadiusM()).isEqualTo(400.0);
        assertThat(redrawn.getCenterLat()).isEqualTo(53.46);
        assertThat(alerts.geofences().stream().filter(g -> g.getName().equals("Loading bay"))).hasSize(1);
    }

    @Test
    @WithUserDetails("admin")
    void alertListAcknowledgesAndResolvesInPlace() {
        String device = "FD0031";
        long depot = jdbc.sql("select depot_id from vehicle where tracker_device_id = ?").param(device).query(Long.class).single();
        var rule = alerts.saveRule(new com.fleetdesk.telematics.AlertRule(depot, com.fleetdesk.telematics.AlertKind.HARSH_BRAKING, null, 0, null,
                com.fleetdesk.telematics.AlertSeverity.HIGH));
        try {
            long vehicle = jdbc.sql("select id from vehicle where tracker_device_id = ?").param(device).query(Long.class).single();
            jdbc.sql("""
                    insert into vehicle_alert (vehicle_id, vehicle_registration, depot_id, rule_id, kind, severity, message, status, raised_at)
                    values (?, 'TEST 1', ?, ?, 'HARSH_BRAKING', 'HIGH', 'Harsh braking: test alert', 'OPEN', now() + interval '1 hour')
                    """).params(vehicle, depot, rule.getId()).update();
            AlertListView view = navigate(AlertListView.class);
            assertThat(test(view.grid).getRow(0).getMessage()).isEqualTo("Harsh braking: test alert");
            assertThat(test(view.grid).getLitRendererPropertyValue(0, "actions", "open", Boolean.class)).isTrue();
            test(view.grid).invokeLitRendererFunction(0, "actions", "acknowledge");
            var stored = alerts.list(new com.fleetdesk.telematics.AlertFilter(java.util.Set.of(), null, null, vehicle), 0, 10).stream()
                    .filter(a -> rule.getId().equals(a.getRuleId())).findFirst().orElseThrow();
            assertThat(stored.getStatus()).isEqualTo(com.fleetdesk.telematics.AlertStatus.ACKNOWLEDGED);
            assertThat(stored.getAcknowledgedBy()).isEqualTo("admin");
        } finally {
            alerts.deleteRule(rule.getId());
        }
    }

    @Test
    @WithUserDetails("manager")
    void alertRuleFormExplainsAMissingThreshold() {
        AlertRulesView view = navigate(AlertRulesView.class);
        assertThat(test(view.grid).size()).isPositive();
        test(view.add).click();
        AlertRulesView.RuleForm form = $(AlertRulesView.RuleForm.class).single();
        form.kind.setValue(com.fleetdesk.telematics.AlertKind.LOW_FUEL);
        form.threshold.clear();
        test($(Button.class).withText("Save").single()).click();
        assertThat(form.isOpened()).isTrue();
        assertThat(form.threshold.isInvalid()).isTrue();
        assertThat(form.threshold.getErrorMessage()).contains("needs a threshold");
    }

    @Test
    @WithUserDetails("admin")
    void unknownDevicesAreListedForTheAdministrator() {
        jdbc.sql("""
                insert into unknown_device (device_id, protocol, first_seen_at, last_seen_at, reports) values ('stray-42', 'osmand', now(), now(), 3)
                on conflict (device_id) do nothing
                """).update();
        UnknownDevicesView view = navigate(UnknownDevicesView.class);
        assertThat(view.grid.getListDataView().getItems()).anySatisfy(d -> assertThat(d.deviceId()).isEqualTo("stray-42"));
    }

    @Test
    @WithUserDetails("manager")
    void drawingWithoutANameAsksForOne() {
        GeofencesView view = navigate(GeofencesView.class);
        test($(Button.class).withText("Draw circle").single()).click();
        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).contains("Name the geofence");
    }
}
