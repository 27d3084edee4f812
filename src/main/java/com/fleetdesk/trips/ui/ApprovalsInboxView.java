package com.fleetdesk.trips.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.GridLink;
import com.fleetdesk.trips.TripChanged;
import com.fleetdesk.trips.TripFilter;
import com.fleetdesk.trips.TripLogService;
import com.fleetdesk.trips.TripRow;
import com.fleetdesk.trips.TripSort;
import com.fleetdesk.trips.TripStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Set;

/** Submitted trips waiting for the manager's decision, oldest first; select several to approve at once. */
@Route("trips/approvals")
@PageTitle("Approvals · Fleetdesk")
@Menu(title = "Approvals", order = 110, icon = "vaadin:check-square-o")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER})
public class ApprovalsInboxView extends Main {

    static final int INBOX_LIMIT = 500;

    final Grid<TripRow> grid = new Grid<>(TripRow.class, false);
    final Button approveSelected = new Button("Approve selected");
    final Paragraph summary = new Paragraph();
    private final TripLogService trips;

    public ApprovalsInboxView(TripLogService trips, LiveEventBus live) {
        this.trips = trips;
        addClassNames("list-view");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(r -> TripLogListView.WHEN.format(r.startedAt())).setHeader("Started").setAutoWidth(true);
        grid.addColumn(TripRow::driverName).setHeader("Driver").setAutoWidth(true);
        grid.addColumn(TripRow::vehicleRegistration).setHeader("Vehicle").setAutoWidth(true);
        grid.addColumn(TripRow::depotName).setHeader("Depot").setAutoWidth(true);
        grid.addColumn(TripRow::purpose).setHeader("Purpose").setFlexGrow(1);
        grid.addColumn(r -> r.currency() + " " + r.totalCost().toPlainString()).setHeader("Cost").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(TripStatusBadges.policyRenderer(TripRow::policyViolations)).setHeader("Policy").setAutoWidth(true);
        grid.addColumn(GridLink.to("Open", TripDetailView.class, TripRow::id)).setHeader("Trip").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Trips awaiting approval");
        grid.setEmptyStateText("No trips are waiting for your decision.");
        grid.setSizeFull();
        grid.addSelectionListener(e -> approveSelected.setEnabled(!e.getAllSelectedItems().isEmpty()));

        approveSelected.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        approveSelected.setEnabled(false);
        approveSelected.addClickListener(e -> approve());
        Paragraph hint = new Paragraph("Open a trip to see its expenses and receipts, or to reject it with a comment.");
        FlexLayout bar = new FlexLayout(approveSelected, summary);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.addClassName("filter-bar");
        add(new H1("Approvals"), hint, bar, grid);
        reload();
        live.subscribe(this, TripChanged.class, e -> {
            if (e.kind() == TripChanged.Kind.SUBMITTED || e.kind() == TripChanged.Kind.DECIDED || e.kind() == TripChanged.Kind.DELETED) {
                reload();
            }
        });
    }

    private void reload() {
        List<TripRow> waiting = trips.page(TripFilter.none().withStatuses(Set.of(TripStatus.SUBMITTED)),
                List.of(new TripSort(TripSort.Column.STARTED_AT, false)), 0, INBOX_LIMIT);
        grid.setItems(waiting);
        summary.setText(waiting.isEmpty() ? "Nothing waiting for you."
                : waiting.size() + (waiting.size() == INBOX_LIMIT ? "+" : "") + " trips waiting, "
                + waiting.stream().filter(r -> r.policyViolations() != null).count() + " breaking expense policy.");
    }

    private void approve() {
        var ids = grid.getSelectedItems().stream().map(TripRow::id).toList();
        var result = trips.approveAll(ids, null);
        if (result.refused().isEmpty()) {
            Feedback.saved(result.approved().size() + " trips approved");
        } else {
            Feedback.error(result.approved().size() + " approved; " + result.refused().size() + " refused: "
                    + String.join("; ", result.refused().values()));
        }
        reload();
    }
}
