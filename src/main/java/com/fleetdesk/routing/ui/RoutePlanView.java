package com.fleetdesk.routing.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.map.FleetMap;
import com.fleetdesk.base.ui.map.LatLon;
import com.fleetdesk.base.ui.map.MapMarker;
import com.fleetdesk.base.ui.map.MapPolyline;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.routing.CsvImportReport;
import com.fleetdesk.routing.PlanResult;
import com.fleetdesk.routing.PlanStop;
import com.fleetdesk.routing.PlanVehicle;
import com.fleetdesk.routing.RoutePlan;
import com.fleetdesk.routing.RoutePlanChanged;
import com.fleetdesk.routing.RoutePlanProgress;
import com.fleetdesk.routing.RoutePlanService;
import com.fleetdesk.routing.RoutePlanStatus;
import com.fleetdesk.routing.StopInput;
import com.fleetdesk.routing.StopPriority;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.dnd.GridDropLocation;
import com.vaadin.flow.component.grid.dnd.GridDropMode;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One route plan: its stops and vehicles (editable until dispatch), the map, solving with live
 * progress, the routes with their figures, stops left out and rule breaks, moving a stop by
 * hand, and dispatch.
 */
@Route("routing/plan")
@PageTitle("Route plan · Fleetdesk")
@RolesAllowed({Roles.ADMIN, Roles.DISPATCHER, Roles.FLEET_MANAGER})
public class RoutePlanView extends Main implements HasUrlParameter<Long> {

    /** Distinct, dark enough for white text and for lines on a light map. */
    static final String[] COLOURS = {"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#e65100", "#00838f", "#ad1457", "#4e342e",
            "#37474f", "#827717"};

    /** A choice in "move to route": a plan vehicle, or off the routes (null). */
    record MoveTarget(Long planVehicleId, String label) {
    }

    final H1 title = new H1();
    final Div statusLine = new Div();
    final Span progress = new Span();
    final Paragraph failure = new Paragraph();
    final Button solve = new Button("Solve", VaadinIcon.PLAY.create());
    final Button stop = new Button("Stop solving", VaadinIcon.STOP.create());
    final Button dispatch = new Button("Dispatch", VaadinIcon.TRUCK.create());
    final Button cancel = new Button("Cancel plan", VaadinIcon.CLOSE_CIRCLE.create());
    final Button addStop = new Button("Add stop", VaadinIcon.PLUS.create());
    final Button importCsv = new Button("Import CSV", VaadinIcon.UPLOAD.create());
    final FleetMap map = new FleetMap("Map of the plan's depot, stops and routes");
    final Paragraph mapHint = new Paragraph();
    final Div routes = new Div();
    final Paragraph summary = new Paragraph();
    final Grid<PlanResult.Unassigned> unassigned = new Grid<>(PlanResult.Unassigned.class, false);
    final UnorderedList breaks = new UnorderedList();
    final ComboBox<PlanStop> moveStop = new ComboBox<>("Stop to move");
    final ComboBox<MoveTarget> moveRoute = new ComboBox<>("To route");
    final IntegerField movePosition = new IntegerField("At position");
    final Button move = new Button("Move stop");
    final Grid<PlanStop> stops = new Grid<>(PlanStop.class, false);
    final Grid<PlanVehicle> vehicles = new Grid<>(PlanVehicle.class, false);
    final StopDialog stopDialog = new StopDialog();
    final Dialog csvDialog = new Dialog();
    final TextArea csvText = new TextArea("CSV rows");
    final UnorderedList csvReport = new UnorderedList();
    static final int MAX_CSV_BYTES = 1_000_000;
    final Upload csvUpload;
    final Dialog vehicleDialog = new Dialog();
    final TimePicker shiftStart = new TimePicker("Shift start");
    final TimePicker shiftEnd = new TimePicker("Shift end");
    final BigDecimalField costPerKm = new BigDecimalField("Cost per km (GBP)");
    final Checkbox included = new Checkbox("Use this vehicle in the plan");
    private final RoutePlanService service;
    private long planId;
    private RoutePlan plan;
    private PlanResult result;
    private PlanVehicle editedVehicle;

    public RoutePlanView(RoutePlanService service, LiveEventBus live,
                         @Value("${fleetdesk.map.tile-url:}") String tileUrl, @Value("${fleetdesk.map.attribution:}") String attribution) {
        this.service = service;
        addClassNames("list-view");
        map.setTileUrl(tileUrl, attribution);
        map.setHeight("420px");
        map.setMarkerLabelsVisible(true);
        map.addMapClickListener(e -> mapClicked(e.getPosition()));
        progress.getElement().setAttribute("aria-live", "polite");
        failure.addClassName("form-problem");
        failure.getElement().setAttribute("role", "alert");

        solve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        solve.addClickListener(e -> act(() -> service.solve(planId), "Solving started: the best routes so far appear as they improve"));
        stop.addClickListener(e -> act(() -> service.stopSolving(planId), "Stopping: the best routes so far are kept"));
        dispatch.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        dispatch.addClickListener(e -> act(() -> service.dispatch(planId), "Dispatched: each driver has a planned trip"));
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.addClickListener(e -> act(() -> service.cancel(planId), "Plan cancelled"));
        addStop.addClickListener(e -> newStop(null));
        importCsv.addClickListener(e -> openCsv());

        unassigned.addColumn(PlanResult.Unassigned::label).setHeader("Stop").setAutoWidth(true);
        unassigned.addColumn(PlanResult.Unassigned::reason).setHeader("Why it is left out").setFlexGrow(1);
        unassigned.setAllRowsVisible(true);
        unassigned.setAriaLabel("Stops left out");
        unassigned.setEmptyStateText("Every stop is on a route.");
        unassigned.addDragStartListener(e -> e.getDraggedItems().stream().findFirst()
                .ifPresent(u -> dragged = new DraggedStop(u.stopId(), null, 0)));
        unassigned.addDropListener(e -> dropStop(null, 1));

        moveStop.setItemLabelGenerator(s -> s.getLabel() + (s.getRouteVehicle() == null ? " (left out)"
                : " (" + s.getRouteVehicle().getRegistration() + " #" + s.getRoutePosition() + ")"));
        moveRoute.setItemLabelGenerator(MoveTarget::label);
        movePosition.setMin(1);
        movePosition.setStepButtonsVisible(true);
        movePosition.setHelperText("1 = first stop after leaving the depot");
        move.addClickListener(e -> moveClicked());

        stops.addColumn(PlanStop::getLabel).setHeader("Stop").setAutoWidth(true).setFlexGrow(1);
        stops.addColumn(s -> s.getAddress() == null ? "" : s.getAddress()).setHeader("Address").setAutoWidth(true);
        stops.addColumn(s -> String.format(Locale.ROOT, "%.5f, %.5f", s.getLatitude(), s.getLongitude())).setHeader("Position").setAutoWidth(true);
        stops.addColumn(s -> s.getDemandKg() + " kg").setHeader("Demand").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        stops.addColumn(s -> window(s.getWindowStart(), s.getWindowEnd())).setHeader("Window").setAutoWidth(true);
        stops.addColumn(s -> s.getServiceMinutes() + " min").setHeader("Service").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        stops.addColumn(s -> s.getPriority().label()).setHeader("Priority").setAutoWidth(true);
        stops.addComponentColumn(this::stopActions).setHeader("Actions").setAutoWidth(true);
        stops.setAllRowsVisible(true);
        stops.setAriaLabel("Stops");
        stops.setEmptyStateText("No stops yet: add them, import a CSV file, or click places on the map.");

        vehicles.addColumn(PlanVehicle::getRegistration).setHeader("Vehicle").setAutoWidth(true);
        vehicles.addColumn(v -> v.getVehicleType().name().charAt(0) + v.getVehicleType().name().substring(1).toLowerCase(Locale.ROOT)).setHeader("Type").setAutoWidth(true);
        vehicles.addColumn(v -> v.getCapacityKg() + " kg / " + v.getCapacityM3().stripTrailingZeros().toPlainString() + " m³").setHeader("Capacity").setAutoWidth(true);
        vehicles.addColumn(v -> window(v.getShiftStart(), v.getShiftEnd())).setHeader("Shift").setAutoWidth(true);
        vehicles.addColumn(v -> "£" + v.getCostPerKm().toPlainString()).setHeader("Cost per km").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        vehicles.addColumn(v -> v.isIncluded() ? "Yes" : "No").setHeader("In plan").setAutoWidth(true);
        vehicles.addComponentColumn(this::vehicleActions).setHeader("Actions").setAutoWidth(true);
        vehicles.setAllRowsVisible(true);
        vehicles.setAriaLabel("Vehicles");
        vehicles.setEmptyStateText("The depot has no active vehicles: a plan cannot be solved without vehicles.");

        csvDialog.setHeaderTitle("Import stops from CSV");
        csvText.setWidthFull();
        csvText.setMinHeight("12rem");
        csvText.setHelperText("First line: label,address,latitude,longitude,demand_kg,window_start,window_end,service_minutes,priority,notes"
                + " (label, latitude, longitude and demand_kg are required; times as 09:30)");
        csvReport.getElement().setAttribute("aria-live", "polite");
        Button runImport = new Button("Import", e -> runImport());
        runImport.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // A file goes through the same import as pasted text: read, imported, reported row by row.
        InMemoryUploadHandler csvFile = new InMemoryUploadHandler((metadata, data) -> {
            UI ui = getUI().orElseThrow();
            ui.access(() -> {
                csvText.setValue(new String(data, StandardCharsets.UTF_8));
                runImport();
            });
        }) {
            @Override
            public long getFileSizeMax() {
                return MAX_CSV_BYTES;
            }
        };
        csvUpload = new Upload(csvFile);
        csvUpload.setMaxFiles(1);
        csvUpload.setMaxFileSize(MAX_CSV_BYTES);
        csvUpload.setAcceptedFileTypes("text/csv", "text/plain", ".csv", ".txt");
        csvUpload.addFileRejectedListener(e -> {
            csvReport.removeAll();
            csvReport.add(new ListItem("File refused: " + e.getErrorMessage()));
        });
        csvDialog.add(csvUpload, csvText, csvReport);
        csvDialog.setWidth("min(56rem, 100vw)");
        csvDialog.getFooter().add(new Button("Close", e -> csvDialog.close()), runImport);

        vehicleDialog.setHeaderTitle("Vehicle in this plan");
        shiftStart.setLocale(Locale.UK);
        shiftEnd.setLocale(Locale.UK);
        costPerKm.setRequiredIndicatorVisible(true);
        Button saveVehicle = new Button("Save", e -> saveVehicle());
        saveVehicle.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        vehicleDialog.add(new FormLayout(shiftStart, shiftEnd, costPerKm, included));
        vehicleDialog.getFooter().add(new Button("Cancel", e -> vehicleDialog.close()), saveVehicle);

        FlexLayout actions = new FlexLayout(solve, stop, dispatch, cancel, addStop, importCsv);
        actions.addClassName("filter-bar");
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        FlexLayout moveBar = new FlexLayout(moveStop, moveRoute, movePosition, move);
        moveBar.addClassName("filter-bar");
        moveBar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        moveBar.setAlignItems(FlexLayout.Alignment.BASELINE);
        add(new RouterLink("Back to route plans", RoutePlanListView.class), title, statusLine, progress, failure, actions,
                map, mapHint, new H2("Routes"), summary, breaks, routes, new H2("Move a stop"), moveBar,
                new H2("Left out"), unassigned, new H2("Stops"), stops, new H2("Vehicles"), vehicles);
        // Kept attached, so their fields keep state between openings.
        add(stopDialog, csvDialog, vehicleDialog);
        live.subscribe(this, RoutePlanChanged.class, e -> {
            if (e.planId() == planId) {
                reload();
            }
        });
        live.subscribe(this, RoutePlanProgress.class, e -> {
            if (e.planId() == planId) {
                progress.setText("Solving… best so far: " + e.score());
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        planId = parameter;
        reload();
    }

    void reload() {
        try {
            plan = service.plan(planId);
        } catch (InvalidInputException | AccessDeniedException e) {
            plan = null;
        }
        if (plan == null) {
            title.setText("Route plan not found");
            statusLine.removeAll();
            statusLine.add(new Paragraph("This plan does not exist or belongs to a depot you do not plan for."));
            List.<Component>of(solve, stop, dispatch, cancel, addStop, importCsv, move).forEach(c -> c.setVisible(false));
            return;
        }
        Depot depot = service.depotOf(planId);
        RoutePlanStatus status = plan.getStatus();
        title.setText(plan.getName());
        statusLine.removeAll();
        statusLine.add(PlanBadges.status(status), new Span(" " + depot.getName() + " · " + RoutePlanListView.DAY.format(plan.getPlanDate())
                + " · " + plan.getStops().size() + " stops · " + plan.getVehicles().stream().filter(PlanVehicle::isIncluded).count() + " vehicles"));
        progress.setText(status == RoutePlanStatus.SOLVING ? "Solving… the best routes so far appear here as they improve." : "");
        failure.setText(plan.getFailureReason() == null ? "" : "Solving failed: " + plan.getFailureReason());
        failure.setVisible(plan.getFailureReason() != null);
        boolean editable = status.editable();
        solve.setEnabled(editable && !plan.getStops().isEmpty());
        solve.setText(status == RoutePlanStatus.SOLVED ? "Solve again" : "Solve");
        stop.setEnabled(status == RoutePlanStatus.SOLVING);
        dispatch.setEnabled(status == RoutePlanStatus.SOLVED);
        cancel.setEnabled(status != RoutePlanStatus.DISPATCHED && status != RoutePlanStatus.CANCELLED && status != RoutePlanStatus.SOLVING);
        addStop.setEnabled(editable);
        importCsv.setEnabled(editable);
        move.setEnabled(status == RoutePlanStatus.SOLVED);
        mapHint.setText(editable ? "Click the map to add a stop at that place." : "The plan is " + status.label().toLowerCase(Locale.ROOT) + ": it can no longer be edited.");
        stops.setItems(plan.getStops());
        vehicles.setItems(plan.getVehicles());
        moveStop.setItems(plan.getStops());
        List<MoveTarget> targets = new ArrayList<>();
        plan.getVehicles().stream().filter(PlanVehicle::isIncluded).forEach(v -> targets.add(new MoveTarget(v.getId(), v.getRegistration())));
        targets.add(new MoveTarget(null, "Off the routes (leave out)"));
        moveRoute.setItems(targets);

        result = plan.getStops().isEmpty() ? null : service.result(planId);
        showResult();
        drawMap(depot);
    }

    private void showResult() {
        routes.removeAll();
        breaks.removeAll();
        if (result == null) {
            summary.setText("Add stops, then solve.");
            unassigned.setItems(List.of());
            return;
        }
        boolean solved = plan.getStatus() == RoutePlanStatus.SOLVED || plan.getStatus() == RoutePlanStatus.DISPATCHED;
        summary.setText(!solved && result.routes().isEmpty() ? "Not solved yet (distances: " + result.distanceSource() + ")."
                : result.score() + " · " + result.routes().size() + " routes · " + String.format(Locale.ROOT, "%.1f km", result.distanceKm())
                + " (distances: " + result.distanceSource() + ")");
        for (String b : result.breaks()) {
            breaks.add(new ListItem("Rule broken: " + b));
        }
        for (PlanResult.Route r : result.routes()) {
            H3 heading = new H3(String.format(Locale.ROOT, "Route %d · %s: %d stops, %.1f km, %s, load %d of %d kg, %.1f %s, %.1f kg CO₂, £%.2f",
                    r.number(), r.registration(), r.stops().size(), r.distanceKm(), duration(r.durationMinutes()), r.loadKg(), r.capacityKg(),
                    r.energy(), r.energyUnit(), r.co2Kg(), r.cost()));
            heading.getStyle().set("border-left", "6px solid " + colour(r.number())).set("padding-left", "0.5rem");
            Grid<PlanResult.RoutedStop> grid = new Grid<>(PlanResult.RoutedStop.class, false);
            grid.addColumn(PlanResult.RoutedStop::position).setHeader("#").setAutoWidth(true);
            grid.addColumn(PlanResult.RoutedStop::label).setHeader("Stop").setFlexGrow(1);
            grid.addColumn(s -> hhmm(s.serviceStart())).setHeader("ETA").setAutoWidth(true);
            grid.addColumn(s -> window(s.windowStart(), s.windowEnd())).setHeader("Window").setAutoWidth(true);
            grid.addColumn(s -> s.demandKg() + " kg").setHeader("Demand").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
            grid.addColumn(s -> s.loadAfterKg() + " kg").setHeader("Delivered so far").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
            grid.addColumn(s -> s.late() ? "Late" : "On time").setHeader("Timing").setAutoWidth(true);
            grid.setItems(r.stops());
            grid.setAllRowsVisible(true);
            grid.setAriaLabel("Route " + r.number() + " stops");
            if (plan.getStatus() == RoutePlanStatus.SOLVED) {
                dragAndDrop(grid, r);
            }
            routes.add(heading, new Paragraph("Leaves " + hhmm(r.start()) + ", back " + hhmm(r.back())), grid);
        }
        unassigned.setItems(solved ? result.unassigned() : List.of());
        boolean editable = plan.getStatus() == RoutePlanStatus.SOLVED;
        unassigned.setRowsDraggable(editable);
        unassigned.setDropMode(editable ? GridDropMode.ON_GRID : null);
    }

    /**
     * Drag a stop within a route, to another route, or onto "Stops left out" (and back): the same
     * change as the "Move a stop" form, which stays the keyboard way to do it.
     */
    private void dragAndDrop(Grid<PlanResult.RoutedStop> grid, PlanResult.Route route) {
        grid.setRowsDraggable(true);
        grid.setDropMode(GridDropMode.BETWEEN);
        grid.addDragStartListener(e -> e.getDraggedItems().stream().findFirst()
                .ifPresent(s -> dragged = new DraggedStop(s.stopId(), route.planVehicleId(), s.position())));
        grid.addDropListener(e -> {
            int position = e.getDropTargetItem()
                    .map(target -> e.getDropLocation() == GridDropLocation.BELOW ? target.position() + 1 : target.position())
                    .orElse(route.stops().size() + 1);
            dropStop(route.planVehicleId(), position);
        });
    }

    /** Where a dragged stop came from; a move down its own route counts positions without it. */
    record DraggedStop(long stopId, Long planVehicleId, int position) {
    }

    DraggedStop dragged;

    void dropStop(Long planVehicleId, int position) {
        DraggedStop from = dragged;
        dragged = null;
        if (from == null || (planVehicleId == null && from.planVehicleId() == null)) {
            return;
        }
        int target = planVehicleId != null && planVehicleId.equals(from.planVehicleId()) && from.position() < position ? position - 1 : position;
        if (planVehicleId != null && planVehicleId.equals(from.planVehicleId()) && target == from.position()) {
            return;
        }
        try {
            PlanResult after = service.moveStop(planId, from.stopId(), planVehicleId, target);
            Feedback.saved(after.feasible() ? "Stop moved: " + after.score() : "Stop moved, but the routes now break rules: " + after.score());
            reload();
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private void drawMap(Depot depot) {
        List<MapMarker> markers = new ArrayList<>();
        List<MapPolyline> lines = new ArrayList<>();
        LatLon depotAt = new LatLon(depot.getLatitude(), depot.getLongitude());
        markers.add(new MapMarker("depot", depotAt, null, "#212121", "Depot", depot.getName(), "Depot"));
        java.util.Set<Long> routed = new java.util.HashSet<>();
        if (result != null) {
            for (PlanResult.Route r : result.routes()) {
                List<LatLon> points = new ArrayList<>();
                points.add(depotAt);
                for (PlanResult.RoutedStop s : r.stops()) {
                    points.add(new LatLon(s.lat(), s.lon()));
                    routed.add(s.stopId());
                    markers.add(new MapMarker("stop-" + s.stopId(), s.lat(), s.lon(), null, colour(r.number()),
                            r.number() + "." + s.position(), s.label(), "Route " + r.number() + " (" + r.registration() + "), stop "
                            + s.position() + ", ETA " + hhmm(s.serviceStart())));
                }
                points.add(depotAt);
                lines.add(new MapPolyline("route-" + r.number(), points, colour(r.number()), "Route " + r.number() + ": " + r.registration()));
            }
        }
        for (PlanStop s : plan.getStops()) {
            if (!routed.contains(s.getId())) {
                markers.add(new MapMarker("stop-" + s.getId(), s.getLatitude(), s.getLongitude(), null, "#616161", "–", s.getLabel(),
                        s.getUnassignedReason() != null ? "Left out: " + s.getUnassignedReason() : "Not on a route yet"));
            }
        }
        map.setMarkers(markers);
        map.setPolylines(lines);
        map.fitBounds(24);
    }

    void mapClicked(LatLon position) {
        if (plan == null || !plan.getStatus().editable()) {
            Feedback.info("This plan can no longer be edited");
            return;
        }
        newStop(position);
    }

    void newStop(LatLon at) {
        StopInput blank = new StopInput("", "", at == null ? Double.NaN : at.lat(), at == null ? Double.NaN : at.lon(), 0,
                null, null, 10, StopPriority.NORMAL, "");
        stopDialog.open("New stop", blank, input -> {
            service.addStop(planId, input);
            Feedback.saved("Stop added: " + input.label());
            reload();
        });
    }

    private Component stopActions(PlanStop s) {
        Button edit = new Button(VaadinIcon.EDIT.create(), e -> stopDialog.open("Edit stop", s.toInput(), input -> {
            service.updateStop(planId, s.getId(), input);
            Feedback.saved("Stop saved: " + input.label());
            reload();
        }));
        edit.setAriaLabel("Edit " + s.getLabel());
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> act(() -> service.removeStop(planId, s.getId()), "Stop removed: " + s.getLabel()));
        remove.setAriaLabel("Remove " + s.getLabel());
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        boolean editable = plan != null && plan.getStatus().editable();
        edit.setEnabled(editable);
        remove.setEnabled(editable);
        return new Span(edit, remove);
    }

    private Component vehicleActions(PlanVehicle v) {
        Button edit = new Button(VaadinIcon.EDIT.create(), e -> editVehicle(v));
        edit.setAriaLabel("Edit shift and cost of " + v.getRegistration());
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.setEnabled(plan != null && plan.getStatus().editable());
        return edit;
    }

    void editVehicle(PlanVehicle v) {
        editedVehicle = v;
        vehicleDialog.setHeaderTitle("Vehicle " + v.getRegistration() + " in this plan");
        shiftStart.setValue(v.getShiftStart());
        shiftEnd.setValue(v.getShiftEnd());
        shiftEnd.setInvalid(false);
        costPerKm.setValue(v.getCostPerKm());
        included.setValue(v.isIncluded());
        vehicleDialog.open();
    }

    void saveVehicle() {
        try {
            service.updateVehicle(planId, editedVehicle.getId(), shiftStart.getValue(), shiftEnd.getValue(), costPerKm.getValue(), included.getValue());
            vehicleDialog.close();
            Feedback.saved("Vehicle " + editedVehicle.getRegistration() + " saved");
            reload();
        } catch (InvalidInputException e) {
            var field = switch (e.field().orElse("")) {
                case "shiftStart" -> shiftStart;
                case "costPerKm" -> costPerKm;
                default -> shiftEnd;
            };
            if (field instanceof com.vaadin.flow.component.HasValidation v) {
                v.setErrorMessage(e.getMessage());
                v.setInvalid(true);
            }
            Feedback.error(e.getMessage());
        }
    }

    void openCsv() {
        csvText.clear();
        csvReport.removeAll();
        csvUpload.clearFileList();
        csvDialog.open();
    }

    void runImport() {
        csvReport.removeAll();
        try {
            CsvImportReport report = service.importCsv(planId, csvText.getValue());
            csvReport.add(new ListItem(report.added() + (report.added() == 1 ? " stop" : " stops") + " added"
                    + (report.errors().isEmpty() ? "." : "; " + report.errors().size() + " rows refused:")));
            report.errors().forEach(err -> csvReport.add(new ListItem(err)));
            if (report.added() > 0) {
                reload();
            }
        } catch (InvalidInputException e) {
            csvReport.add(new ListItem(e.getMessage()));
        }
    }

    void moveClicked() {
        if (moveStop.getValue() == null || moveRoute.getValue() == null) {
            Feedback.error("Choose the stop and the route to move it to");
            return;
        }
        Long target = moveRoute.getValue().planVehicleId();
        int position = movePosition.getValue() == null ? 1 : movePosition.getValue();
        try {
            PlanResult after = service.moveStop(planId, moveStop.getValue().getId(), target, position);
            Feedback.saved(after.feasible() ? "Stop moved: " + after.score() : "Stop moved, but the routes now break rules: " + after.score());
            reload();
        } catch (InvalidInputException e) {
            movePosition.setErrorMessage(e.getMessage());
            movePosition.setInvalid("position".equals(e.field().orElse(null)));
            Feedback.error(e.getMessage());
        }
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Feedback.saved(done);
            reload();
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
            reload();
        }
    }

    static String colour(int routeNumber) {
        return COLOURS[(routeNumber - 1) % COLOURS.length];
    }

    static String window(LocalTime from, LocalTime to) {
        if (from == null && to == null) {
            return "Any time";
        }
        return (from == null ? "…" : hhmm(from)) + "–" + (to == null ? "…" : hhmm(to));
    }

    static String hhmm(LocalTime t) {
        return t == null ? "" : String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    static String duration(int minutes) {
        return minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
    }

    PlanResult currentResult() {
        return result;
    }
}
