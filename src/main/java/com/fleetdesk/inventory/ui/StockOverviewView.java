package com.fleetdesk.inventory.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Inventory value by location and by category, and the top movers of the last 30 days. */
@Route("inventory/overview")
@PageTitle("Inventory value · Fleetdesk")
@Menu(title = "Inventory value", order = 406, icon = "vaadin:chart")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.TECHNICIAN, Roles.FLEET_MANAGER})
public class StockOverviewView extends Main {

    final Grid<StockService.StockValue> byLocation = new Grid<>(StockService.StockValue.class, false);
    final Grid<StockService.StockValue> byCategory = new Grid<>(StockService.StockValue.class, false);
    final ComboBox<StockLocationInfo> categoryLocation = new ComboBox<>("Location for the category values");
    final Grid<StockService.Mover> movers = new Grid<>(StockService.Mover.class, false);
    private final StockService stock;

    public StockOverviewView(StockService stock) {
        this.stock = stock;
        addClassNames("list-view");
        for (Grid<StockService.StockValue> g : java.util.List.of(byLocation, byCategory)) {
            g.addColumn(StockService.StockValue::name).setHeader(g == byLocation ? "Location" : "Category").setFlexGrow(1);
            g.addColumn(StockService.StockValue::lines).setHeader("Stock lines").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
            g.addColumn(v -> InventoryBadges.money(v.value())).setHeader("Value").setKey("value").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
            g.setAllRowsVisible(true);
        }
        byLocation.setAriaLabel("Inventory value by location");
        byCategory.setAriaLabel("Inventory value by category");
        byCategory.setEmptyStateText("No stock at this location.");
        categoryLocation.setItems(stock.locations());
        categoryLocation.setItemLabelGenerator(StockLocationInfo::name);
        categoryLocation.setClearButtonVisible(true);
        categoryLocation.setHelperText("Empty: all locations");
        categoryLocation.addValueChangeListener(e -> refresh());
        movers.addColumn(StockService.Mover::partNumber).setHeader("Part number").setAutoWidth(true);
        movers.addColumn(StockService.Mover::partName).setHeader("Name").setFlexGrow(1);
        movers.addColumn(m -> StockView.quantity(m.quantity(), m.unit())).setHeader("Moved out (30 days)").setKey("moved")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        movers.setAllRowsVisible(true);
        movers.setAriaLabel("Top movers");
        movers.setEmptyStateText("Nothing moved in the last 30 days.");
        Button reload = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        add(new H1("Inventory value"), reload, new H2("By location"), byLocation, new H2("By category"), categoryLocation, byCategory,
                new H2("Top movers, last 30 days"), movers);
        // Not live: the sums read every stock line, too much to repeat on each movement.
        refresh();
    }

    private void refresh() {
        byLocation.setItems(stock.valueByLocation());
        byCategory.setItems(stock.valueByCategory(categoryLocation.getValue() == null ? null : categoryLocation.getValue().id()));
        movers.setItems(stock.topMovers(30, 20));
    }
}
