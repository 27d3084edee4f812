package com.fleetdesk.telematics.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.base.ui.map.FleetMap;
import com.fleetdesk.base.ui.map.LatLon;
import com.fleetdesk.base.ui.map.MapMarker;
import com.fleetdesk.base.ui.map.MapPolyline;
import com.fleetdesk.base.ui.map.PreparedMarker;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.telematics.AlertChanged;
import com.fleetdesk.telematics.AlertFilter;
import com.fleetdesk.telematics.AlertService;
import com.fleetdesk.telematics.FleetPositionService;
import com.fleetdesk.telematics.Geofence;
import com.fleetdesk.telematics.Trail;
import com.fleetdesk.telematics.VehicleOnMap;
import com.fleetdesk.telematics.VehiclesMoved;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every vehicle's last position, moved by server push as positions arrive; filter by depot and
 * motion state; click a vehicle for its panel; replay its trail for a time range with stops.
 */
@Route("map")
@PageTitle("Live map · Fleetdesk")
@Menu(title = "Live map", order = 200, icon = "vaadin:map-marker")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER, Roles.OFFICE_STAFF, Roles.TECHNICIAN, Roles.SUPPORT_AGENT, Roles.DRIVER})
public class LiveMapView extends Main {

    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final String TRAIL_ID = "trail";
    /**
     * Vehicle moves reach an open map at most this often, each vehicle's newest once: at thousands
     * of positions per second, one push per ingest batch per map took the server's CPU (see the
     * README's load benchmark).
     */
    static final Duration MOVES_EVERY = Duration.ofMillis(250);

    final FleetMap map = new FleetMap("Live fleet map");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final ComboBox<String> motion = new ComboBox<>("State");
    final Div panel = new Div();
    final Span summary = new Span();
    final DateTimePicker replayFrom = new DateTimePicker("Replay from");
    final DateTimePicker replayTo = new DateTimePicker("Replay to");
    private final StatusBadge stateFact = new StatusBadge("", StatusBadge.Tone.INFO);
    private final Span speedFact = new Span();
    private final Span fuelFact = new Span();
    private final Span updatedFact = new Span();
    private final FleetPositionService positions;
    private final AlertService alerts;
    private final LiveMapMarkers liveMarkers;
    private final Map<Long, VehicleOnMap> vehicles = new HashMap<>();
    private Long selected;

    public LiveMapView(FleetPositionService positions, AlertService alerts, DepotService depots, LiveEventBus live, LiveMapMarkers liveMarkers,
                       @Value("${fleetdesk.map.tile-url:}") String tileUrl, @Value("${fleetdesk.map.attribution:}") String attribution) {
        this.positions = positions;
        this.alerts = alerts;
        this.liveMarkers = liveMarkers;
        addClassNames("list-view", "map-view");
        map.setTileUrl(tileUrl, attribution);
        map.addClassName("fleet-map");
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);
        motion.setItems("Moving", "Idling", "Stopped", "Offline", "No position yet");
        motion.setClearButtonVisible(true);
        depot.addValueChangeListener(e -> reload(true));
        motion.addValueChangeListener(e -> reload(true));
        summary.addClassName("map-summary");
        summary.getElement().setAttribute("aria-live", "polite");
        panel.addClassName("vehicle-panel");
        panel.add(new Paragraph("Select a vehicle on the map or in the list to see its details."));

        FlexLayout filters = new FlexLayout(depot, motion, summary);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("filter-bar");
        Div body = new Div(map, panel);
        body.addClassName("map-body");
        add(new H1("Live map"), filters, body);

        map.addMarkerClickListener(e -> select(Long.parseLong(e.getMarkerId())));
        reload(true);
        live.subscribeBatched(this, VehiclesMoved.class, MOVES_EVERY, this::moved);
        live.subscribe(this, AlertChanged.class, e -> {
            if (selected != null && e.vehicleId() == selected) {
                renderPanel();
            }
        });
        try {
            for (Geofence g : alerts.geofences()) {
                map.upsertShape(GeofencesView.shapeOf(g));
            }
        } catch (AccessDeniedException notForThisRole) {
            // geofences are shown to those who manage them
        }
    }

    private void reload(boolean fit) {
        vehicles.clear();
        List<VehicleOnMap> fleet = positions.fleetNow(new VehicleFilter(null, depot.getValue() == null ? null : depot.getValue().getId(), Set.of(), null));
        liveMarkers.remember(fleet);
        Instant now = Instant.now();
        for (VehicleOnMap v : fleet) {
            if (motion.getValue() == null || motion.getValue().equals(v.motion(now))) {
                vehicles.put(v.vehicleId(), v);
            }
        }
        map.setMarkers(vehicles.values().stream().filter(VehicleOnMap::hasPosition).map(v -> marker(v, now)).toList());
        // Plates on every marker are readable for a few dozen vehicles; beyond that only the selected one shows its label.
        map.setMarkerLabelsVisible(vehicles.size() <= 40);
        long placed = vehicles.values().stream().filter(VehicleOnMap::hasPosition).count();
        summary.setText(vehicles.size() + " vehicles, " + placed + " with a position");
        if (fit && placed > 0) {
            map.fitBounds(30);
        }
    }

    /**
     * The moves of the last {@link #MOVES_EVERY}: each vehicle's newest, sent to the map in one call,
     * as markers prepared once for all open maps.
     */
    private void moved(List<VehiclesMoved> events) {
        Map<Long, PreparedMarker> changed = new HashMap<>();
        boolean selectedMoved = false;
        for (int e = events.size() - 1; e >= 0; e--) { // newest event first: a vehicle moved twice is sent at its newest
            for (LiveMapMarkers.Moved moved : liveMarkers.of(events.get(e))) {
                long id = moved.vehicle().vehicleId();
                if (changed.containsKey(id) || vehicles.replace(id, moved.vehicle()) == null) {
                    continue; // sent at a newer fix, or not on this map (filtered out or not visible to this user)
                }
                changed.put(id, moved.marker());
                selectedMoved |= selected != null && selected == id;
            }
        }
        map.upsertPrepared(changed.values());
        if (selectedMoved) {
            refreshFacts();
        }
    }

    static MapMarker marker(VehicleOnMap v, Instant now) {
        String state = v.motion(now);
        String status = state + (v.speedKmh() != null && "Moving".equals(state) ? " " + Math.round(v.speedKmh()) + " km/h" : "");
        // The browser names the marker "plate, status, make and model": the title adds only what the other two do not say.
        return new MapMarker(String.valueOf(v.vehicleId()), v.lat(), v.lon(), v.heading(), colour(state), v.registration(),
                v.makeModel(), status);
    }

    /** Colours repeat the state; the marker's label and status text say it in words. */
    static String colour(String state) {
        return switch (state) {
            case "Moving" -> "#1f7a3a";
            case "Idling" -> "#8a5a00";
            case "Stopped" -> "#1a56c4";
            default -> "#5c6670";
        };
    }

    private void select(long vehicleId) {
        selected = vehicleId;
        map.highlight(String.valueOf(vehicleId));
        renderPanel();
    }

    private void renderPanel() {
        panel.removeAll();
        VehicleOnMap v = selected == null ? null : vehicles.get(selected);
        if (v == null) {
            panel.add(new Paragraph("Select a vehicle on the map to see its details."));
            return;
        }
        panel.add(new H2(v.registration()), new Paragraph(v.makeModel() + " · " + v.depotName()),
                fact("State", stateFact), fact("Driver", new Span(v.driverName() == null ? "No regular driver" : v.driverName())),
                fact("Speed", speedFact), fact("Fuel", fuelFact), fact("Last update", updatedFact));
        refreshFacts();
        try {
            var open = alerts.list(new AlertFilter(Set.of(com.fleetdesk.telematics.AlertStatus.OPEN, com.fleetdesk.telematics.AlertStatus.ACKNOWLEDGED),
                    null, null, v.vehicleId()), 0, 5);
            Div alertList = new Div();
            alertList.add(new Span(open.isEmpty() ? "No open alerts" : open.size() + " open alert" + (open.size() == 1 ? "" : "s") + ":"));
            open.forEach(a -> alertList.add(new Paragraph(a.getSeverity().label() + ": " + a.getMessage())));
            panel.add(fact("Alerts", alertList));
        } catch (AccessDeniedException ignored) {
            // drivers and office staff do not handle alerts
        }
        panel.add(new com.vaadin.flow.component.html.Anchor("vehicles", "Open the vehicle list"));
        LocalDateTime end = LocalDateTime.now(ZONE);
        if (replayTo.isEmpty()) {
            replayTo.setValue(end.withSecond(0).withNano(0));
            replayFrom.setValue(end.minusHours(8).withSecond(0).withNano(0));
        }
        Button replay = new Button("Replay trail", e -> replay());
        replay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button clear = new Button("Clear trail", e -> {
            map.removePolyline(TRAIL_ID);
            map.getMarkers().stream().filter(m -> m.id().startsWith("stop-")).map(MapMarker::id).toList().forEach(map::removeMarker);
        });
        panel.add(new H2("Trail replay"), replayFrom, replayTo, new FlexLayout(replay, clear));
    }

    /** What a move changes in the open panel, without rebuilding it (the selected vehicle may report every second). */
    private void refreshFacts() {
        VehicleOnMap v = selected == null ? null : vehicles.get(selected);
        if (v == null) {
            return;
        }
        Instant now = Instant.now();
        stateFact.setText(v.motion(now));
        speedFact.setText(v.speedKmh() == null ? "—" : Math.round(v.speedKmh()) + " km/h");
        fuelFact.setText(v.fuelPct() == null ? "—" : Math.round(v.fuelPct()) + " %");
        updatedFact.setText(v.fixTime() == null ? "never" : AlertListView.WHEN.format(v.fixTime()) + " (" + ago(Duration.between(v.fixTime(), now)) + ")");
    }

    private void replay() {
        if (selected == null || replayFrom.isEmpty() || replayTo.isEmpty()) {
            return;
        }
        try {
            Trail trail = positions.trail(selected, replayFrom.getValue().atZone(ZONE).toInstant(), replayTo.getValue().atZone(ZONE).toInstant());
            map.upsertPolyline(new MapPolyline(TRAIL_ID, trail.points().stream().map(p -> new LatLon(p.lat(), p.lon())).toList(),
                    "#7b2cbf", 4, "Trail of " + vehicles.get(selected).registration()));
            int i = 0;
            for (Trail.Stop stop : trail.stops()) {
                String text = "Stop " + (++i) + ": " + AlertListView.WHEN.format(stop.from()) + " for " + ago(stop.duration());
                map.upsertMarker(new MapMarker("stop-" + i, stop.lat(), stop.lon(), null, "#b3261e", "Stop " + i, text, text));
            }
            summary.setText("Trail: " + trail.points().size() + " positions, " + trail.distanceKm() + " km, " + trail.stops().size() + " stops");
            if (!trail.points().isEmpty()) {
                map.fitBounds(30);
            }
        } catch (InvalidInputException e) {
            replayTo.setErrorMessage(e.getMessage());
            replayTo.setInvalid(true);
        }
    }

    private static Div fact(String label, com.vaadin.flow.component.Component value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        Div fact = new Div(name, value);
        fact.addClassName("fact");
        return fact;
    }

    static String ago(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) return d.toSeconds() + " s";
        if (minutes < 120) return minutes + " min";
        return String.format(Locale.UK, "%.1f h", minutes / 60.0);
    }
}
