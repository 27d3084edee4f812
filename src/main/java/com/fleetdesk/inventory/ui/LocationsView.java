package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.LocationForm;
import com.fleetdesk.inventory.LocationKind;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.Map;
import java.util.stream.Collectors;

/** Warehouses and service centres, with their depot and the manager who receives low-stock alerts. */
@Route("inventory/locations")
@PageTitle("Stock locations · Fleetdesk")
@Menu(title = "Stock locations", order = 409, icon = "vaadin:building")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE})
public class LocationsView extends Main {

    final Grid<StockLocationInfo> grid = new Grid<>(StockLocationInfo.class, false);
    final Button add = new Button("New location", VaadinIcon.PLUS.create());
    final LocationDialog dialog;
    private final StockService stock;

    public LocationsView(InventoryCatalog catalog, StockService stock, DepotService depots) {
        this.stock = stock;
        addClassNames("list-view");
        Map<Long, String> depotNames = depots.visibleDepots().stream().collect(Collectors.toMap(Depot::getId, Depot::getName));
        dialog = new LocationDialog(catalog, depotNames, saved -> {
            Feedback.saved("Location " + saved.getName() + " saved");
            reload();
        });
        grid.addColumn(StockLocationInfo::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(l -> l.kind().label()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(StockLocationInfo::region).setHeader("Region").setAutoWidth(true);
        grid.addColumn(l -> l.depotId() == null ? "All depots" : depotNames.getOrDefault(l.depotId(), "")).setHeader("Depot").setAutoWidth(true);
        grid.addColumn(l -> l.managerUsername() == null ? "" : l.managerUsername()).setHeader("Manager").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Stock locations");
        grid.setEmptyStateText("No stock locations yet.");
        grid.setSizeFull();
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(l -> {
            dialog.edit(catalog.location(l.id()));
            grid.asSingleSelect().clear();
        }));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(e -> dialog.edit(new LocationForm()));
        add(new H1("Stock locations"), add, grid);
        reload();
    }

    private void reload() {
        grid.setItems(stock.locations());
    }

    static class LocationDialog extends EditDialog<LocationForm> {
        final ComboBox<LocationKind> kind = new ComboBox<>("Kind");
        final TextField name = new TextField("Name");
        final TextField region = new TextField("Region");
        final ComboBox<Long> depotId = new ComboBox<>("Depot");
        final TextField managerUsername = new TextField("Manager (username)");

        LocationDialog(InventoryCatalog catalog, Map<Long, String> depots, SerializableConsumer<LocationForm> afterSave) {
            super("Stock location", LocationForm.class, catalog::saveLocation, afterSave);
            kind.setItems(LocationKind.values());
            kind.setItemLabelGenerator(LocationKind::label);
            depotId.setItems(depots.keySet());
            depotId.setItemLabelGenerator(id -> depots.getOrDefault(id, "Depot " + id));
            depotId.setClearButtonVisible(true);
            depotId.setHelperText("Empty: serves all depots");
            managerUsername.setHelperText("Receives the low and critical stock alerts of this location");
            binder.bindInstanceFields(this);
            form.add(kind, name, region, depotId, managerUsername);
        }
    }
}
