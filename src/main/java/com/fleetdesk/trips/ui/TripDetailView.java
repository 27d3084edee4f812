package com.fleetdesk.trips.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.trips.TripApproval;
import com.fleetdesk.trips.TripChanged;
import com.fleetdesk.trips.TripDetails;
import com.fleetdesk.trips.TripExpense;
import com.fleetdesk.trips.TripLog;
import com.fleetdesk.trips.TripLogService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.function.Supplier;

/** One trip: journey, expenses with receipts, approval history and the actions the caller may take. */
@Route("trip")
@PageTitle("Trip · Fleetdesk")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER, Roles.OFFICE_STAFF, Roles.SUPPORT_AGENT, Roles.DRIVER})
public class TripDetailView extends Main implements HasUrlParameter<Long> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK);

    private final TripLogService trips;
    private final TripForm form;
    final H1 title = new H1();
    final Div summary = new Div();
    final FlexLayout actions = new FlexLayout();
    final Grid<TripExpense> expenseGrid = new Grid<>(TripExpense.class, false);
    final Paragraph totals = new Paragraph();
    final Div history = new Div();
    final TextArea decisionComment = new TextArea("Decision comment");
    private long tripId;
    private TripDetails details;

    final com.fleetdesk.base.ui.map.FleetMap track = new com.fleetdesk.base.ui.map.FleetMap("GPS track of the trip");
    final Paragraph trackSummary = new Paragraph();
    private final com.fleetdesk.telematics.FleetPositionService positions;

    public TripDetailView(TripLogService trips, VehicleService vehicles, DriverService drivers, LiveEventBus live,
                          com.fleetdesk.telematics.FleetPositionService positions,
                          @org.springframework.beans.factory.annotation.Value("${fleetdesk.map.tile-url:}") String tileUrl,
                          @org.springframework.beans.factory.annotation.Value("${fleetdesk.map.attribution:}") String attribution) {
        this.trips = trips;
        this.positions = positions;
        track.setTileUrl(tileUrl, attribution);
        track.setHeight("22rem");
        track.addClassName("fleet-map");
        addClassNames("list-view", "trip-detail");
        form = new TripForm(trips, vehicles, drivers, saved -> {
            Feedback.saved("Trip saved");
            reload();
        });
        expenseGrid.addColumn(e -> DATE.format(e.getSpentOn())).setHeader("Date").setAutoWidth(true);
        expenseGrid.addColumn(e -> e.getType().label()).setHeader("Type").setAutoWidth(true);
        expenseGrid.addColumn(e -> e.getCurrency() + " " + e.getAmount().toPlainString()).setHeader("Amount").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        expenseGrid.addColumn(e -> e.getDescription() == null ? "" : e.getDescription()).setHeader("Description").setFlexGrow(1);
        expenseGrid.addComponentColumn(this::receiptLink).setHeader("Receipt").setAutoWidth(true);
        expenseGrid.addComponentColumn(this::removeButton).setHeader("Actions").setAutoWidth(true);
        expenseGrid.setAllRowsVisible(true);
        expenseGrid.setAriaLabel("Expenses");
        decisionComment.setHelperText("Required when rejecting; shown to the driver");
        decisionComment.setWidthFull();
        actions.addClassName("filter-bar");
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        add(new RouterLink("Back to trip logs", TripLogListView.class), title, summary, actions,
                new H2("Expenses"), totals, expenseGrid, new H2("Approval history"), history, new H2("GPS track"), trackSummary, track);
        live.subscribe(this, TripChanged.class, e -> {
            if (e.tripId() == tripId) {
                if (e.kind() == TripChanged.Kind.DELETED) {
                    getUI().ifPresent(ui -> ui.navigate(TripLogListView.class));
                } else {
                    reload();
                }
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        tripId = parameter;
        reload();
    }

    private void reload() {
        details = trips.details(tripId).orElse(null);
        summary.removeAll();
        actions.removeAll();
        history.removeAll();
        if (details == null) {
            title.setText("Trip not found");
            summary.add(new Paragraph("This trip does not exist or you cannot see it."));
            expenseGrid.setItems();
            totals.setText("");
            return;
        }
        TripLog t = details.trip();
        title.setText(t.getPurpose());
        summary.add(fact("Status", TripStatusBadges.status(t.getStatus())),
                fact("Vehicle", new Span(t.getVehicleRegistration())),
                fact("Driver", new Span(t.getDriverName())),
                fact("Category", new Span(t.getCategory().label())),
                fact("Start", new Span(TripLogListView.WHEN.format(t.getStartedAt()) + " · " + t.getStartPlace())),
                fact("End", new Span(TripLogListView.WHEN.format(t.getEndedAt()) + " · " + t.getEndPlace())),
                fact("Odometer", new Span(t.getStartOdometerKm().toPlainString() + " → " + t.getEndOdometerKm().toPlainString() + " km")),
                fact("Distance", new Span(t.getDistanceKm().toPlainString() + " km (" + ("GPS".equals(t.getDistanceSource()) ? "GPS track" : "odometer") + ")")),
                fact("CO₂", new Span(t.getCo2Kg().toPlainString() + " kg")),
                fact("Policy", TripStatusBadges.policy(t.getPolicyViolations())),
                fact("Logged by", new Span(t.getOwnerUsername())),
                fact("Notes", new Span(t.getNotes() == null ? "—" : t.getNotes())));
        summary.addClassName("fact-list");
        expenseGrid.setItems(details.expenses());
        expenseGrid.setVisible(!details.expenses().isEmpty());
        totals.setText(details.totalsByCurrency().isEmpty() ? "No expenses yet."
                : "Total: " + details.totalsByCurrency().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .reduce((a, b) -> a + ", " + b).orElse(""));
        for (TripApproval a : details.history()) {
            history.add(new Paragraph(TripLogListView.WHEN.format(a.getActedAt()) + " — " + a.getAction().label() + " by " + a.getActor()
                    + (a.getComment() == null ? "" : ": " + a.getComment())));
        }
        if (details.history().isEmpty()) {
            history.add(new Paragraph("Not submitted yet."));
        }
        buildActions(t);
        showTrack(t);
    }

    /** The vehicle's recorded positions during the trip, when its tracker reported any. */
    private void showTrack(TripLog t) {
        track.clear();
        com.fleetdesk.telematics.Trail trail;
        try {
            trail = positions.trail(t.getVehicleId(), t.getStartedAt(), t.getEndedAt().plusSeconds(1));
        } catch (InvalidInputException | AccessDeniedException e) {
            trail = null;
        }
        if (trail == null || trail.points().isEmpty()) {
            trackSummary.setText("No GPS positions were recorded for this vehicle during the trip.");
            track.setVisible(false);
            return;
        }
        track.setVisible(true);
        var points = trail.points().stream().map(p -> new com.fleetdesk.base.ui.map.LatLon(p.lat(), p.lon())).toList();
        track.setPolylines(java.util.List.of(new com.fleetdesk.base.ui.map.MapPolyline("track", points, "#7b2cbf", 4, "GPS track")));
        var first = trail.points().getFirst();
        var last = trail.points().getLast();
        track.setMarkers(java.util.List.of(
                new com.fleetdesk.base.ui.map.MapMarker("start", first.lat(), first.lon(), null, "#1f7a3a", "Start", "Start: " + t.getStartPlace(), "Start"),
                new com.fleetdesk.base.ui.map.MapMarker("end", last.lat(), last.lon(), null, "#b3261e", "End", "End: " + t.getEndPlace(), "End")));
        track.fitBounds(20);
        trackSummary.setText(trail.points().size() + " positions, " + trail.distanceKm() + " km by GPS, " + trail.stops().size() + " stops.");
    }

    private void buildActions(TripLog t) {
        if (details.editable()) {
            actions.add(button("Edit", () -> form.edit(trips.details(tripId).orElseThrow().trip())),
                    button("Add expense", () -> new ExpenseDialog(trips, tripId, t.getCurrency(), () -> {
                        Feedback.saved("Expense added");
                        reload();
                    }).open()),
                    primary(t.getStatus() == com.fleetdesk.trips.TripStatus.REJECTED ? "Resubmit for approval" : "Submit for approval",
                            () -> act(() -> trips.submit(tripId), "Trip submitted for approval")));
            if (t.getStatus() == com.fleetdesk.trips.TripStatus.DRAFT) {
                Button delete = new Button("Delete draft", e -> confirmDelete());
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
                actions.add(delete);
            }
        }
        actions.add(button("Duplicate", () -> {
            try {
                TripLog copy = trips.duplicate(tripId);
                Feedback.saved("Copied as a new draft");
                getUI().ifPresent(ui -> ui.navigate(TripDetailView.class, copy.getId()));
            } catch (InvalidInputException | AccessDeniedException e) {
                Feedback.error(e.getMessage());
            }
        }));
        if (details.decidable()) {
            decisionComment.clear();
            Button approve = primary("Approve", () -> act(() -> trips.approve(tripId, decisionComment.getValue()), "Trip approved"));
            Button reject = button("Reject", () -> act(() -> trips.reject(tripId, decisionComment.getValue()), "Trip rejected"));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
            Div decision = new Div(decisionComment, new FlexLayout(approve, reject));
            decision.addClassName("decision");
            decision.setWidthFull();
            actions.add(decision);
        }
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog("Delete this draft?", "The trip and its expenses are removed for good.",
                "Delete", e -> {
            try {
                trips.delete(tripId);
                Feedback.saved("Draft deleted");
                getUI().ifPresent(ui -> ui.navigate(TripLogListView.class));
            } catch (InvalidInputException | AccessDeniedException ex) {
                Feedback.error(ex.getMessage());
            }
        });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void act(Supplier<?> action, String done) {
        try {
            action.get();
            Feedback.saved(done);
            reload();
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private Component receiptLink(TripExpense e) {
        if (!e.hasReceipt()) {
            return new Span("None");
        }
        long expenseId = e.getId();
        DownloadHandler handler = event -> {
            var file = trips.receipt(expenseId).orElseThrow();
            event.setFileName(file.fileName());
            event.setContentType(file.contentType());
            event.getOutputStream().write(file.content());
        };
        return new Anchor(handler, "Receipt: " + e.getReceiptName());
    }

    private Component removeButton(TripExpense e) {
        if (details == null || !details.editable()) {
            return new Span("—");
        }
        Button remove = new Button("Remove", click -> act(() -> {
            trips.removeExpense(e.getId());
            return null;
        }, "Expense removed"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove " + e.getType().label() + " expense of " + e.getAmount().toPlainString());
        return remove;
    }

    private static Div fact(String label, Component value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        Div fact = new Div(name, value);
        fact.addClassName("fact");
        return fact;
    }

    private static Button button(String text, Runnable action) {
        return new Button(text, e -> action.run());
    }

    private static Button primary(String text, Runnable action) {
        Button b = button(text, action);
        b.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return b;
    }
}
