package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.GridLink;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.VehicleChanged;
import com.fleetdesk.maintenance.DueStatus;
import com.fleetdesk.maintenance.ServiceDue;
import com.fleetdesk.maintenance.ServiceDueFilter;
import com.fleetdesk.maintenance.ServiceDueService;
import com.fleetdesk.maintenance.ServiceSchedulesChanged;
import com.fleetdesk.maintenance.WorkOrder;
import com.fleetdesk.maintenance.WorkOrderChanged;
import com.fleetdesk.maintenance.WorkOrderService;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;

/**
 * Which vehicles need a service: every vehicle against each schedule that applies to it, with
 * the last service, when the next is due by km and by date, and a work order in one click.
 */
@Route("maintenance/due")
@PageTitle("Service due · Fleetdesk")
@Menu(title = "Service due", order = 500, icon = "vaadin:wrench")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.TECHNICIAN})
public class ServiceDueView extends Main {

    final Grid<ServiceDue> grid = new Grid<>(ServiceDue.class, false);
    final SearchField search = new SearchField("Search", "Registration, make or model");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final ComboBox<DueStatus> status = new ComboBox<>("Status");
    final Paragraph summary = new Paragraph();
    private final ServiceDueService due;
    private final WorkOrderService orders;

    public ServiceDueView(ServiceDueService due, WorkOrderService orders, DepotService depots, LiveEventBus live) {
        this.due = due;
        this.orders = orders;
        addClassNames("list-view");
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);
        status.setItems(DueStatus.values());
        status.setItemLabelGenerator(DueStatus::label);
        status.setClearButtonVisible(true);
        summary.getElement().setAttribute("aria-live", "polite");

        grid.addColumn(ServiceDue::registration).setHeader("Vehicle").setKey("vehicle").setAutoWidth(true);
        grid.addColumn(ServiceDue::vehicleName).setHeader("Model").setKey("model").setAutoWidth(true);
        grid.addColumn(ServiceDue::depotName).setHeader("Depot").setKey("depot").setAutoWidth(true);
        grid.addColumn(d -> d.scheduleName() + " (" + d.interval() + ")").setHeader("Service").setKey("schedule").setFlexGrow(1);
        grid.addColumn(ServiceDueView::lastService).setHeader("Last service").setKey("last").setAutoWidth(true);
        grid.addColumn(ServiceDueView::nextDue).setHeader("Next due").setKey("next").setAutoWidth(true);
        grid.addColumn(d -> MaintenanceBadges.km(d.odometerKm())).setHeader("Odometer").setKey("odometer")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(ServiceDue::status, DueStatus::label, MaintenanceBadges::tone)).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(workOrderCell()).setHeader("Work order").setKey("workOrder").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Services due");
        grid.setEmptyStateText("No services match these filters.");
        grid.setSizeFull();

        search.addValueChangeListener(e -> refresh());
        depot.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        FlexLayout filters = new FlexLayout(search, depot, status);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        add(new H1("Service due"), filters, summary, grid);
        refresh();
        live.subscribe(this, WorkOrderChanged.class, e -> refresh());
        live.subscribe(this, ServiceSchedulesChanged.class, e -> refresh());
        live.subscribe(this, VehicleChanged.class, e -> refresh());
    }

    void refresh() {
        List<ServiceDue> lines = due.dueList(new ServiceDueFilter(depot.getValue() == null ? null : depot.getValue().getId(),
                status.getValue(), search.getValue()));
        grid.setItems(lines);
        long overdue = lines.stream().filter(d -> d.status() == DueStatus.OVERDUE).count();
        long soon = lines.stream().filter(d -> d.status() == DueStatus.DUE_SOON).count();
        summary.setText(lines.size() + " services listed: " + overdue + " overdue, " + soon + " due soon.");
    }

    /** The open work order's link, or a button that creates one; a template, as a page of rows would otherwise build a component each. */
    private LitRenderer<ServiceDue> workOrderCell() {
        String orderAddress = GridLink.addressWithoutId(WorkOrderView.class);
        return LitRenderer.<ServiceDue>of("""
                ${item.order ? html`<a href="${item.href}" router-link>${item.order}</a>` : html`<vaadin-button theme="small" \
                aria-label="Create work order: ${item.what}" @click=${create}>Create work order</vaadin-button>`}""")
                .withProperty("order", ServiceDue::openWorkOrderNumber)
                .withProperty("href", d -> d.openWorkOrderId() == null ? null : orderAddress + d.openWorkOrderId())
                .withProperty("what", d -> d.scheduleName() + " for " + d.registration())
                .withFunction("create", d -> {
                    if (d.openWorkOrderId() == null) {
                        create(d);
                    }
                });
    }

    void create(ServiceDue d) {
        try {
            WorkOrder order = orders.create(d.vehicleId(), d.scheduleId(), null);
            Feedback.saved("Work order " + order.getNumber() + " opened");
            getUI().ifPresent(ui -> ui.navigate(WorkOrderView.class, order.getId()));
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private static String lastService(ServiceDue d) {
        if (!d.serviceRecorded()) {
            return "None recorded (from " + MaintenanceBadges.date(d.lastServiceDate()) + ")";
        }
        return MaintenanceBadges.date(d.lastServiceDate()) + " at " + MaintenanceBadges.km(d.lastServiceKm());
    }

    private static String nextDue(ServiceDue d) {
        String km = d.nextDueKm() == null ? null : MaintenanceBadges.km(d.nextDueKm());
        String date = d.nextDueDate() == null ? null : MaintenanceBadges.date(d.nextDueDate());
        return km != null && date != null ? km + " or " + date : km != null ? km : date;
    }
}
