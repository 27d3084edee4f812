package com.fleetdesk.fleet.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotChanged;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.UserAccount;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.stream.Collectors;

@Route("depots")
@PageTitle("Depots · Fleetdesk")
@Menu(title = "Depots", order = 30, icon = "vaadin:building")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER})
public class DepotListView extends Main {

    final Grid<Depot> grid = new Grid<>(Depot.class, false);
    final Button add = new Button("New depot", VaadinIcon.PLUS.create());
    private final DepotService depots;

    public DepotListView(DepotService depots, LiveEventBus live) {
        this.depots = depots;
        addClassNames("list-view");
        boolean canEdit = CurrentUser.hasRole(Role.ADMIN);
        DepotForm form = new DepotForm(depots, saved -> {
            Feedback.saved("Depot " + saved.getName() + " saved");
            refresh();
        });
        form.setReadOnly(!canEdit);

        grid.addColumn(Depot::getName).setHeader("Name").setKey("name").setSortable(true).setAutoWidth(true);
        grid.addColumn(Depot::getAddress).setHeader("Address").setKey("address").setFlexGrow(1);
        grid.addColumn(d -> depots.managers(d.getId()).stream().map(UserAccount::getFullName).collect(Collectors.joining(", ")))
                .setHeader("Managers").setKey("managers").setAutoWidth(true);
        grid.addColumn(d -> String.format("%.4f, %.4f", d.getLatitude(), d.getLongitude())).setHeader("Location").setKey("location").setAutoWidth(true);
        grid.addColumn(Depot::getTimeZone).setHeader("Time zone").setKey("timeZone").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Depots");
        grid.setSizeFull();
        grid.addItemClickListener(e -> depots.find(e.getItem().getId()).ifPresent(form::edit));

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        add.addClickListener(e -> form.edit(new Depot()));
        add(new H1("Depots"), new HorizontalLayout(add), grid);
        refresh();
        live.subscribe(this, DepotChanged.class, event -> refresh());
    }

    private void refresh() {
        grid.setItems(depots.visibleDepots());
    }

    static class DepotForm extends EditDialog<Depot> {
        final TextField name = new TextField("Name");
        final TextField address = new TextField("Address");
        final NumberField latitude = new NumberField("Latitude");
        final NumberField longitude = new NumberField("Longitude");
        final ComboBox<String> timeZone = new ComboBox<>("Time zone");

        DepotForm(DepotService depots, com.vaadin.flow.function.SerializableConsumer<Depot> afterSave) {
            super("Depot", Depot.class, depots::save, afterSave);
            timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted(Comparator.naturalOrder()).toList());
            latitude.setStep(0.0001);
            longitude.setStep(0.0001);
            binder.bindInstanceFields(this);
            form.add(name, address, latitude, longitude, timeZone);
            form.setColspan(address, 2);
        }
    }
}
