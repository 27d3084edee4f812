package com.fleetdesk.telematics.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.map.FleetMap;
import com.fleetdesk.base.ui.map.LatLon;
import com.fleetdesk.base.ui.map.MapShape;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.telematics.AlertService;
import com.fleetdesk.telematics.Geofence;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;

/** Geofences drawn on the map (circle: centre then edge; polygon: corners, double-click to finish) or typed in. */
@Route("geofences")
@PageTitle("Geofences · Fleetdesk")
@Menu(title = "Geofences", order = 230, icon = "vaadin:circle-thin")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER})
public class GeofencesView extends Main {

    final FleetMap map = new FleetMap("Geofence map");
    final TextField name = new TextField("Name");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final NumberField lat = new NumberField("Centre latitude");
    final NumberField lon = new NumberField("Centre longitude");
    final NumberField radius = new NumberField("Radius (m)");
    final Grid<Geofence> grid = new Grid<>(Geofence.class, false);
    final Paragraph hint = new Paragraph("Name the geofence, choose its depot, then draw it on the map or type a circle's centre and radius.");
    private final AlertService alerts;
    /** The geofence being redrawn, if the user chose "Redraw" on one. */
    private Geofence reshaping;

    public GeofencesView(AlertService alerts, DepotService depots, @Value("${fleetdesk.map.tile-url:}") String tileUrl,
                         @Value("${fleetdesk.map.attribution:}") String attribution) {
        this.alerts = alerts;
        addClassNames("list-view", "map-view");
        map.setTileUrl(tileUrl, attribution);
        map.addClassName("fleet-map");
        List<Depot> depotList = depots.visibleDepots();
        depot.setItems(depotList);
        depot.setItemLabelGenerator(Depot::getName);
        if (!depotList.isEmpty()) {
            depot.setValue(depotList.getFirst());
        }
        radius.setMin(10);
        radius.setMax(100_000);
        hint.getElement().setAttribute("aria-live", "polite");

        Button drawCircle = new Button("Draw circle", e -> startDrawing(MapShape.Type.CIRCLE, "Click the centre, then a point on the edge."));
        Button drawPolygon = new Button("Draw polygon", e -> startDrawing(MapShape.Type.POLYGON, "Click each corner; double-click or press Enter to finish, Escape to cancel."));
        Button addCircle = new Button("Add circle from coordinates", e -> saveCircle());
        addCircle.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        map.addShapeDrawnListener(e -> {
            try {
                String label = requireName();
                Geofence fence = e.getType() == MapShape.Type.CIRCLE
                        ? Geofence.circle(requireDepot(), label, e.getCenter().orElseThrow().lat(), e.getCenter().orElseThrow().lon(), e.getRadius())
                        : Geofence.polygon(requireDepot(), label, e.getPoints().stream().map(p -> new double[]{p.lat(), p.lon()}).toList());
                if (reshaping != null) {
                    reshaping.reshapeFrom(fence);
                    fence = reshaping;
                    reshaping = null;
                }
                save(fence);
            } catch (InvalidInputException | AccessDeniedException ex) {
                Feedback.error(ex.getMessage());
            }
        });

        grid.addColumn(Geofence::getName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(g -> g.getShape() == Geofence.Shape.CIRCLE ? "Circle, " + Math.round(g.getRadiusM()) + " m" : "Polygon, " + g.vertices().size() + " corners")
                .setHeader("Shape").setAutoWidth(true);
        grid.addComponentColumn(g -> {
            Button redraw = new Button("Redraw", e -> {
                reshaping = g;
                name.setValue(g.getName());
                map.highlight("fence-" + g.getId());
                hint.setText("Draw the new shape of " + g.getName() + " with Draw circle or Draw polygon; its alert rules stay.");
            });
            redraw.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            redraw.setAriaLabel("Redraw geofence " + g.getName());
            return redraw;
        }).setHeader("Shape").setAutoWidth(true);
        grid.addComponentColumn(g -> {
            Button delete = new Button("Delete", e -> {
                alerts.deleteGeofence(g.getId());
                Feedback.saved("Geofence " + g.getName() + " deleted");
                reload();
            });
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.setAriaLabel("Delete geofence " + g.getName());
            return delete;
        }).setHeader("Actions").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Geofences");
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> map.highlight("fence-" + e.getItem().getId()));

        FlexLayout form = new FlexLayout(name, depot, drawCircle, drawPolygon);
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.addClassName("filter-bar");
        FlexLayout typed = new FlexLayout(lat, lon, radius, addCircle);
        typed.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        typed.setAlignItems(FlexComponent.Alignment.BASELINE);
        typed.addClassName("filter-bar");
        Div side = new Div(new H2("Geofences"), grid);
        side.addClassName("vehicle-panel");
        Div body = new Div(map, side);
        body.addClassName("map-body");
        add(new H1("Geofences"), hint, form, typed, body);
        reload();
        if (!depotList.isEmpty()) {
            map.setView(depotList.getFirst().getLatitude(), depotList.getFirst().getLongitude(), 11);
        }
    }

    private void startDrawing(MapShape.Type type, String instructions) {
        if (name.isEmpty()) {
            name.setInvalid(true);
            name.setErrorMessage("Name the geofence first");
            name.focus();
            return;
        }
        hint.setText(instructions);
        map.startDrawing(type);
    }

    private void saveCircle() {
        try {
            if (lat.isEmpty() || lon.isEmpty() || radius.isEmpty()) {
                throw new InvalidInputException("Enter the centre latitude, longitude and the radius");
            }
            save(Geofence.circle(requireDepot(), requireName(), lat.getValue(), lon.getValue(), radius.getValue()));
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private void save(Geofence fence) {
        Geofence saved = alerts.saveGeofence(fence);
        Feedback.saved("Geofence " + saved.getName() + " saved");
        name.clear();
        hint.setText("Geofence saved. Add alert rules for it under Alert rules.");
        reload();
    }

    /** The name typed applies to new geofences and renames the one being redrawn. */
    private String requireName() {
        if (name.isEmpty() || name.getValue().isBlank()) {
            throw new InvalidInputException("name", "Name the geofence");
        }
        return name.getValue().strip();
    }

    private long requireDepot() {
        if (depot.isEmpty()) {
            throw new InvalidInputException("depot", "Choose the depot");
        }
        return depot.getValue().getId();
    }

    private void reload() {
        List<Geofence> fences = alerts.geofences();
        grid.setItems(fences);
        map.setShapes(fences.stream().map(GeofencesView::shapeOf).toList());
    }

    static MapShape shapeOf(Geofence g) {
        return g.getShape() == Geofence.Shape.CIRCLE
                ? MapShape.circle("fence-" + g.getId(), new LatLon(g.getCenterLat(), g.getCenterLon()), g.getRadiusM(), "#6a1b9a", g.getName())
                : MapShape.polygon("fence-" + g.getId(), g.vertices().stream().map(v -> new LatLon(v[0], v[1])).toList(), "#6a1b9a", g.getName());
    }
}
