package com.fleetdesk.trips.ui;

import com.fleetdesk.base.ui.GridLink;
import com.fleetdesk.base.ui.Lazy;
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
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverFilter;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.trips.TripChanged;
import com.fleetdesk.trips.TripExport;
import com.fleetdesk.trips.TripFilter;
import com.fleetdesk.trips.TripLog;
import com.fleetdesk.trips.TripLogService;
import com.fleetdesk.trips.TripRow;
import com.fleetdesk.trips.TripSort;
import com.fleetdesk.trips.TripStatus;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.data.domain.Sort;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The trip logbook: lazily loaded page by page from indexed SQL, filtered, sorted, exported, live. */
@Route("trips")
@PageTitle("Trip logs · Fleetdesk")
@Menu(title = "Trip logs", order = 100, icon = "vaadin:road")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER, Roles.OFFICE_STAFF, Roles.SUPPORT_AGENT, Roles.DRIVER})
public class TripLogListView extends Main {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    final Grid<TripRow> grid = new Grid<>(TripRow.class, false);
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final MultiSelectComboBox<TripStatus> status = new MultiSelectComboBox<>("Status");
    final ComboBox<Vehicle> vehicle = new ComboBox<>("Vehicle");
    final ComboBox<Driver> driver = new ComboBox<>("Driver");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final SearchField search = new SearchField("Search", "Purpose, place, plate, driver");
    final Button add = new Button("Log a trip", VaadinIcon.PLUS.create());
    private TripFilter filter = TripFilter.none();
    private final TripLogService trips;

    public TripLogListView(TripLogService trips, TripExport export, VehicleService vehicles, DriverService drivers,
                           DepotService depots, LiveEventBus live) {
        this.trips = trips;
        addClassNames("list-view");
        // The form is made when first wanted: most visits only read the list.
        Lazy<TripForm> newTrip = Lazy.of(() -> new TripForm(trips, vehicles, drivers, saved -> {
            Feedback.saved("Trip saved as a draft");
            getUI().ifPresent(ui -> ui.navigate(TripDetailView.class, saved.getId()));
        }));

        status.setItems(TripStatus.values());
        status.setItemLabelGenerator(TripStatus::label);
        // Filters fetch a page at a time as the user types or scrolls, rather than the whole fleet on every visit.
        vehicle.setItems((CallbackDataProvider.FetchCallback<Vehicle, String>) q -> vehicles.list(new VehicleFilter(q.getFilter().orElse(null), null, Set.of(), null),
                OffsetPage.of(q, Sort.by("registration"))).stream());
        vehicle.setItemLabelGenerator(Vehicle::getRegistration);
        vehicle.setClearButtonVisible(true);
        boolean driverOnly = CurrentUser.roles().equals(Set.of(Role.DRIVER));
        driver.setVisible(!driverOnly);
        if (!driverOnly) {
            driver.setItems((CallbackDataProvider.FetchCallback<Driver, String>) q -> drivers.list(new DriverFilter(q.getFilter().orElse(null), null, null),
                    OffsetPage.of(q, Sort.by("lastName", "firstName"))).stream());
        }
        driver.setItemLabelGenerator(Driver::fullName);
        driver.setClearButtonVisible(true);
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);
        depot.setVisible(!driverOnly);
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);

        grid.addColumn(r -> WHEN.format(r.startedAt())).setHeader("Started").setKey(TripSort.Column.STARTED_AT.name()).setSortProperty(TripSort.Column.STARTED_AT.name()).setAutoWidth(true);
        grid.addColumn(TripRow::vehicleRegistration).setHeader("Vehicle").setKey(TripSort.Column.VEHICLE.name()).setSortProperty(TripSort.Column.VEHICLE.name()).setAutoWidth(true);
        grid.addColumn(TripRow::driverName).setHeader("Driver").setKey(TripSort.Column.DRIVER.name()).setSortProperty(TripSort.Column.DRIVER.name()).setAutoWidth(true);
        // Purpose and status are filtered, not sorted: there is no index for those orders at a million trips.
        grid.addColumn(TripRow::purpose).setHeader("Purpose").setKey(TripSort.Column.PURPOSE.name()).setWidth("16em").setFlexGrow(2);
        grid.addColumn(r -> r.distanceKm().stripTrailingZeros().toPlainString() + " km").setHeader("Distance").setKey(TripSort.Column.DISTANCE.name())
                .setSortProperty(TripSort.Column.DISTANCE.name()).setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.currency() + " " + r.totalCost().toPlainString()).setHeader("Cost").setKey(TripSort.Column.TOTAL_COST.name())
                .setSortProperty(TripSort.Column.TOTAL_COST.name()).setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(TripRow::status, TripStatus::label, TripStatusBadges::tone)).setHeader("Status").setKey(TripSort.Column.STATUS.name()).setAutoWidth(true);
        grid.addColumn(TripStatusBadges.policyRenderer(TripRow::policyViolations)).setHeader("Policy").setKey("policy").setWidth("18em").setFlexGrow(1);
        grid.addColumn(GridLink.to("Open", TripDetailView.class, TripRow::id)).setHeader("Trip").setKey("open").setAutoWidth(true);
        // Policy reasons wrap inside their cell instead of widening the grid.
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Trip logs");
        grid.setEmptyStateText("No trips match these filters.");
        grid.setSizeFull();
        grid.setMultiSort(false);
        // The browser asks page by page; cap a single request at the service's page limit.
        grid.setItems(query -> trips.page(filter, sorts(query.getSortOrders()), query.getOffset(), Math.min(query.getLimit(), 1000)).stream());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(TripDetailView.class, e.getItem().id())));

        from.addValueChangeListener(e -> applyFilter());
        to.addValueChangeListener(e -> applyFilter());
        status.addValueChangeListener(e -> applyFilter());
        vehicle.addValueChangeListener(e -> applyFilter());
        driver.addValueChangeListener(e -> applyFilter());
        depot.addValueChangeListener(e -> applyFilter());
        search.addValueChangeListener(e -> applyFilter());

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER, Role.DISPATCHER, Role.OFFICE_STAFF, Role.DRIVER));
        add.addClickListener(e -> newTrip.get().edit(new TripLog()));
        Anchor csv = exportLink(export, TripExport.Format.CSV, "Export CSV");
        Anchor excel = exportLink(export, TripExport.Format.EXCEL, "Export Excel");

        FlexLayout filters = new FlexLayout(search, from, to, status, vehicle, driver, depot);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        FlexLayout actions = new FlexLayout(add, csv, excel);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.addClassNames("filter-bar");
        add(new H1("Trip logs"), filters, actions, grid);
        live.subscribe(this, TripChanged.class, e -> grid.getDataProvider().refreshAll());
    }

    private Anchor exportLink(TripExport export, TripExport.Format format, String text) {
        DownloadHandler handler = event -> {
            event.setFileName("trips." + format.extension);
            event.setContentType(format.mimeType);
            export.write(filter, List.of(TripSort.newestFirst()), format, event.getOutputStream());
        };
        Anchor anchor = new Anchor(handler, text);
        anchor.getElement().setAttribute("download", true);
        anchor.addClassName("export-link");
        return anchor;
    }

    private void applyFilter() {
        filter = new TripFilter(from.getValue(), to.getValue(), status.getValue(),
                vehicle.getValue() == null ? null : vehicle.getValue().getId(),
                driver.getValue() == null ? null : driver.getValue().getId(),
                depot.getValue() == null ? null : depot.getValue().getId(),
                search.getValue());
        grid.getDataProvider().refreshAll();
    }

    TripFilter currentFilter() {
        return filter;
    }

    static List<TripSort> sorts(List<QuerySortOrder> orders) {
        List<TripSort> result = new ArrayList<>();
        for (QuerySortOrder order : orders) {
            try {
                result.add(new TripSort(TripSort.Column.valueOf(order.getSorted()), order.getDirection() == SortDirection.DESCENDING));
            } catch (IllegalArgumentException ignored) {
                // columns that are not sortable in SQL
            }
        }
        return result.isEmpty() ? List.of(TripSort.newestFirst()) : result;
    }
}
