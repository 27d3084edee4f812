package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.ui.GridLink;
import com.fleetdesk.base.ui.OffsetPage;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import org.springframework.data.domain.Sort;
import com.fleetdesk.maintenance.ServiceScheduleService;
import com.fleetdesk.maintenance.WorkOrder;
import com.fleetdesk.maintenance.WorkOrderChanged;
import com.fleetdesk.maintenance.WorkOrderFilter;
import com.fleetdesk.maintenance.WorkOrderService;
import com.fleetdesk.maintenance.WorkOrderStatus;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Work orders of the caller's depots, newest first, page by page; filters and live updates. */
@Route("maintenance/work-orders")
@PageTitle("Work orders · Fleetdesk")
@Menu(title = "Work orders", order = 510, icon = "vaadin:tools")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.TECHNICIAN, Roles.WAREHOUSE})
public class WorkOrderListView extends Main {

    final Grid<WorkOrder> grid = new Grid<>(WorkOrder.class, false);
    final SearchField search = new SearchField("Search", "Number, registration or job");
    final ComboBox<WorkOrderStatus> status = new ComboBox<>("Status");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final ComboBox<Vehicle> vehicle = new ComboBox<>("Vehicle");
    final Checkbox mine = new Checkbox("Assigned to me");
    final Button add = new Button("New work order", VaadinIcon.PLUS.create());
    private WorkOrderFilter filter = WorkOrderFilter.none();

    public WorkOrderListView(WorkOrderService orders, VehicleService vehicles, ServiceScheduleService schedules, DepotService depots,
                             LiveEventBus live) {
        addClassNames("list-view");
        status.setItems(WorkOrderStatus.values());
        status.setItemLabelGenerator(WorkOrderStatus::label);
        status.setClearButtonVisible(true);
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);
        mine.setVisible(CurrentUser.hasRole(Role.TECHNICIAN));
        // Fetched a page at a time as the user types or scrolls, rather than the whole fleet on every visit.
        vehicle.setItems((CallbackDataProvider.FetchCallback<Vehicle, String>) q -> vehicles.list(new VehicleFilter(q.getFilter().orElse(null), null, java.util.Set.of(), null),
                OffsetPage.of(q, Sort.by("registration"))).stream());
        vehicle.setItemLabelGenerator(Vehicle::getRegistration);
        vehicle.setClearButtonVisible(true);
        vehicle.setHelperText("Its service history");

        grid.addColumn(WorkOrder::getNumber).setHeader("Number").setKey("number").setAutoWidth(true);
        grid.addColumn(WorkOrder::getVehicleRegistration).setHeader("Vehicle").setKey("vehicle").setAutoWidth(true);
        grid.addColumn(WorkOrder::getTitle).setHeader("Job").setKey("title").setFlexGrow(1);
        grid.addColumn(StatusBadge.renderer(WorkOrder::getStatus, WorkOrderStatus::label, MaintenanceBadges::tone)).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(w -> w.getTechnicianUsername() == null ? "Unassigned" : w.getTechnicianUsername()).setHeader("Technician")
                .setKey("technician").setAutoWidth(true);
        grid.addColumn(w -> MaintenanceBadges.WHEN.format(w.getCreatedAt())).setHeader("Opened").setKey("opened").setAutoWidth(true);
        grid.addColumn(w -> w.getCompletedOn() == null ? "" : MaintenanceBadges.date(w.getCompletedOn())).setHeader("Completed")
                .setKey("completed").setAutoWidth(true);
        grid.addColumn(w -> MaintenanceBadges.money(w.totalCostWhenRead())).setHeader("Cost").setKey("cost")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(GridLink.to("Open", WorkOrderView.class, WorkOrder::getId)).setHeader("Work order").setKey("open").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Work orders");
        grid.setEmptyStateText("No work orders match these filters.");
        grid.setSizeFull();
        grid.setItems(query -> orders.page(filter, query.getOffset(), Math.min(query.getLimit(), 1000)).stream());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(WorkOrderView.class, e.getItem().getId())));

        search.addValueChangeListener(e -> applyFilter());
        status.addValueChangeListener(e -> applyFilter());
        depot.addValueChangeListener(e -> applyFilter());
        mine.addValueChangeListener(e -> applyFilter());
        vehicle.addValueChangeListener(e -> applyFilter());

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER, Role.TECHNICIAN));
        add.addClickListener(e -> new NewWorkOrderDialog(orders, vehicles, schedules, created -> {
            Feedback.saved("Work order " + created.getNumber() + " opened");
            getUI().ifPresent(ui -> ui.navigate(WorkOrderView.class, created.getId()));
        }).open());

        FlexLayout filters = new FlexLayout(search, status, depot, vehicle, mine);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        FlexLayout actions = new FlexLayout(add);
        actions.addClassNames("filter-bar");
        add(new H1("Work orders"), filters, actions, grid);
        live.subscribe(this, WorkOrderChanged.class, e -> grid.getDataProvider().refreshAll());
    }

    private void applyFilter() {
        filter = new WorkOrderFilter(search.getValue(), depot.getValue() == null ? null : depot.getValue().getId(), status.getValue(),
                mine.getValue() ? CurrentUser.username().orElse(null) : null, vehicle.getValue() == null ? null : vehicle.getValue().getId());
        grid.getDataProvider().refreshAll();
    }

    WorkOrderFilter currentFilter() {
        return filter;
    }
}
