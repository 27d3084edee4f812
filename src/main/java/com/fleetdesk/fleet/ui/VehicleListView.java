package com.fleetdesk.fleet.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Lazy;
import com.fleetdesk.base.ui.OffsetPage;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleChanged;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.fleet.VehicleType;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.data.provider.ConfigurableFilterDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.text.NumberFormat;
import java.util.Locale;

@Route("vehicles")
@PageTitle("Vehicles · Fleetdesk")
@Menu(title = "Vehicles", order = 10, icon = "vaadin:truck")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER, Roles.OFFICE_STAFF, Roles.WAREHOUSE,
        Roles.TECHNICIAN, Roles.SUPPORT_AGENT, Roles.DRIVER})
public class VehicleListView extends Main {

    final Grid<Vehicle> grid = new Grid<>(Vehicle.class, false);
    final SearchField search = new SearchField("Search", "Plate, VIN, make, model, tracker");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final MultiSelectComboBox<VehicleStatus> status = new MultiSelectComboBox<>("Status");
    final ComboBox<VehicleType> type = new ComboBox<>("Type");
    final Button add = new Button("New vehicle", VaadinIcon.PLUS.create());
    private final ConfigurableFilterDataProvider<Vehicle, Void, VehicleFilter> dataProvider;
    // Made when first opened: most visits only read the list, and the form's bindings and pickers cost more than the grid.
    private final Lazy<VehicleForm> form;

    public VehicleListView(VehicleService vehicles, DepotService depots, DriverService drivers, LiveEventBus live) {
        addClassNames("list-view");
        boolean canEdit = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER);
        form = Lazy.of(() -> {
            VehicleForm made = new VehicleForm(vehicles, depots, drivers, saved -> {
                Feedback.saved("Vehicle " + saved.getRegistration() + " saved");
                refresh();
            });
            made.setReadOnly(!canEdit);
            return made;
        });

        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);
        status.setItems(VehicleStatus.values());
        status.setItemLabelGenerator(VehicleStatus::label);
        type.setItems(VehicleType.values());
        type.setItemLabelGenerator(VehicleType::label);
        type.setClearButtonVisible(true);

        NumberFormat km = NumberFormat.getIntegerInstance(Locale.UK);
        grid.addColumn(Vehicle::getRegistration).setHeader("Plate").setKey("registration").setSortProperty("registration").setAutoWidth(true).setFrozen(true);
        grid.addColumn(v -> v.getMake() + " " + v.getModel()).setHeader("Make and model").setKey("model").setSortProperty("make", "model").setAutoWidth(true);
        grid.addColumn(v -> v.getType().label()).setHeader("Type").setKey("type").setSortProperty("type").setAutoWidth(true);
        grid.addColumn(v -> v.getDepot().getName()).setHeader("Depot").setKey("depot").setSortProperty("depot.name").setAutoWidth(true);
        grid.addColumn(v -> v.getCurrentDriver() == null ? "—" : v.getCurrentDriver().fullName()).setHeader("Driver").setKey("driver").setAutoWidth(true);
        grid.addColumn(v -> km.format(v.getOdometerKm()) + " km").setHeader("Odometer").setKey("odometer").setSortProperty("odometerKm").setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(v -> v.getStatus().label(), v -> statusTone(v.getStatus()))).setHeader("Status").setKey("status").setSortProperty("status").setAutoWidth(true);
        grid.addColumn(v -> v.getTrackerDeviceId() == null ? "—" : v.getTrackerDeviceId()).setHeader("Tracker").setKey("tracker").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Vehicles");
        grid.setEmptyStateText("No vehicles match these filters.");
        grid.setSizeFull();

        DataProvider<Vehicle, VehicleFilter> backend = DataProvider.fromFilteringCallbacks(
                q -> vehicles.list(q.getFilter().orElse(VehicleFilter.none()), OffsetPage.of(q)).stream(),
                q -> (int) vehicles.count(q.getFilter().orElse(VehicleFilter.none())));
        dataProvider = backend.withConfigurableFilter();
        grid.setItems(dataProvider);
        grid.sort(java.util.List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(grid.getColumnByKey("registration"), com.vaadin.flow.data.provider.SortDirection.ASCENDING)));
        grid.addItemClickListener(e -> vehicles.find(e.getItem().getId()).ifPresent(v -> form.get().edit(v)));

        search.addValueChangeListener(e -> applyFilter());
        depot.addValueChangeListener(e -> applyFilter());
        status.addValueChangeListener(e -> applyFilter());
        type.addValueChangeListener(e -> applyFilter());

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        add.addClickListener(e -> form.get().edit(new Vehicle()));

        FlexLayout filters = new FlexLayout(search, depot, status, type, add);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");

        add(new H1("Vehicles"), filters, grid);
        live.subscribe(this, VehicleChanged.class, event -> refresh());
    }

    private void applyFilter() {
        dataProvider.setFilter(new VehicleFilter(search.getValue(), depot.getValue() == null ? null : depot.getValue().getId(),
                status.getValue(), type.getValue()));
    }

    private void refresh() {
        dataProvider.refreshAll();
    }

    private static StatusBadge.Tone statusTone(VehicleStatus status) {
        return switch (status) {
            case ACTIVE -> StatusBadge.Tone.SUCCESS;
            case IN_MAINTENANCE -> StatusBadge.Tone.WARNING;
            case OUT_OF_SERVICE -> StatusBadge.Tone.ERROR;
            case RETIRED -> StatusBadge.Tone.NEUTRAL;
        };
    }
}
