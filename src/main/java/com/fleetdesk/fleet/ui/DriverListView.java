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
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverChanged;
import com.fleetdesk.fleet.DriverFilter;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.DriverStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.data.provider.ConfigurableFilterDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

@Route("drivers")
@PageTitle("Drivers · Fleetdesk")
@Menu(title = "Drivers", order = 20, icon = "vaadin:user-card")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER, Roles.OFFICE_STAFF, Roles.SUPPORT_AGENT})
public class DriverListView extends Main {

    final Grid<Driver> grid = new Grid<>(Driver.class, false);
    final SearchField search = new SearchField("Search", "Name, licence, phone, e-mail");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final ComboBox<DriverStatus> status = new ComboBox<>("Status");
    final Button add = new Button("New driver", VaadinIcon.PLUS.create());
    private final ConfigurableFilterDataProvider<Driver, Void, DriverFilter> dataProvider;

    public DriverListView(DriverService drivers, DepotService depots, LiveEventBus live) {
        addClassNames("list-view");
        boolean canEdit = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER);
        // Made when first opened: most visits only read the list.
        Lazy<DriverForm> form = Lazy.of(() -> {
            DriverForm made = new DriverForm(drivers, depots, saved -> {
                Feedback.saved("Driver " + saved.fullName() + " saved");
                refresh();
            });
            made.setReadOnly(!canEdit);
            return made;
        });

        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);
        status.setItems(DriverStatus.values());
        status.setItemLabelGenerator(DriverStatus::label);
        status.setClearButtonVisible(true);

        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK);
        grid.addColumn(Driver::getLastName).setHeader("Last name").setKey("lastName").setSortProperty("lastName").setAutoWidth(true).setFrozen(true);
        grid.addColumn(Driver::getFirstName).setHeader("First name").setKey("firstName").setSortProperty("firstName").setAutoWidth(true);
        grid.addColumn(d -> d.getDepot().getName()).setHeader("Depot").setKey("depot").setSortProperty("depot.name").setAutoWidth(true);
        grid.addColumn(Driver::getLicenceNumber).setHeader("Licence").setKey("licence").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(d -> licenceText(d, date), DriverListView::licenceTone)).setHeader("Licence expiry").setKey("licenceExpiry").setSortProperty("licenceExpiry").setAutoWidth(true);
        grid.addColumn(d -> d.getPhone() == null ? "—" : d.getPhone()).setHeader("Phone").setKey("phone").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(d -> d.getStatus().label(), d -> d.getStatus() == DriverStatus.ACTIVE ? StatusBadge.Tone.SUCCESS : StatusBadge.Tone.NEUTRAL))
                .setHeader("Status").setKey("status").setSortProperty("status").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Drivers");
        grid.setEmptyStateText("No drivers match these filters.");
        grid.setSizeFull();

        DataProvider<Driver, DriverFilter> backend = DataProvider.fromFilteringCallbacks(
                q -> drivers.list(q.getFilter().orElse(DriverFilter.none()), OffsetPage.of(q)).stream(),
                q -> (int) drivers.count(q.getFilter().orElse(DriverFilter.none())));
        dataProvider = backend.withConfigurableFilter();
        grid.setItems(dataProvider);
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("lastName"), SortDirection.ASCENDING)));
        grid.addItemClickListener(e -> drivers.find(e.getItem().getId()).ifPresent(d -> form.get().edit(d)));

        search.addValueChangeListener(e -> applyFilter());
        depot.addValueChangeListener(e -> applyFilter());
        status.addValueChangeListener(e -> applyFilter());

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        add.addClickListener(e -> form.get().edit(new Driver()));

        FlexLayout filters = new FlexLayout(search, depot, status, add);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        add(new H1("Drivers"), filters, grid);
        live.subscribe(this, DriverChanged.class, event -> refresh());
    }

    private static String licenceText(Driver driver, DateTimeFormatter format) {
        String text = format.format(driver.getLicenceExpiry());
        return switch (licenceTone(driver)) {
            case ERROR -> text + " (expired)";
            case WARNING -> text + " (expires soon)";
            default -> text;
        };
    }

    private static StatusBadge.Tone licenceTone(Driver driver) {
        LocalDate today = LocalDate.now();
        if (driver.licenceExpiredOn(today)) {
            return StatusBadge.Tone.ERROR;
        }
        return driver.licenceExpiredOn(today.plusDays(60)) ? StatusBadge.Tone.WARNING : StatusBadge.Tone.NEUTRAL;
    }

    private void applyFilter() {
        dataProvider.setFilter(new DriverFilter(search.getValue(), depot.getValue() == null ? null : depot.getValue().getId(), status.getValue()));
    }

    private void refresh() {
        dataProvider.refreshAll();
    }
}
