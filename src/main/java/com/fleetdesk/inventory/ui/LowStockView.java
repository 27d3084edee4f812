package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.inventory.StockChanged;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Stock at or below its reorder point, out of stock first; updates live as stock moves anywhere. */
@Route("inventory/low-stock")
@PageTitle("Low stock · Fleetdesk")
@Menu(title = "Low stock", order = 401, icon = "vaadin:warning")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.TECHNICIAN, Roles.FLEET_MANAGER})
public class LowStockView extends Main {

    final Grid<StockRow> grid = new Grid<>(StockRow.class, false);
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location");

    public LowStockView(StockService stock, LiveEventBus live) {
        addClassNames("list-view");
        location.setItems(stock.locations());
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.setClearButtonVisible(true);
        grid.addColumn(StockView.badgeRenderer()).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(StockRow::partNumber).setHeader("Part number").setAutoWidth(true);
        grid.addColumn(StockRow::partName).setHeader("Name").setFlexGrow(1);
        grid.addColumn(StockRow::locationName).setHeader("Location").setAutoWidth(true);
        grid.addColumn(r -> StockView.quantity(r.available(), r.unit())).setHeader("Available").setKey("available")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> StockView.quantity(r.reorderPoint(), r.unit())).setHeader("Reorder point").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> StockView.quantity(r.criticalPoint(), r.unit())).setHeader("Critical point").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.bin() == null ? "" : r.bin()).setHeader("Bin").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Low stock");
        grid.setEmptyStateText("Nothing is at or below its reorder point.");
        grid.setSizeFull();
        grid.setItems(q -> stock.shortages(location.getValue() == null ? null : location.getValue().id(), q.getOffset(),
                Math.min(q.getLimit(), 1000)).stream());
        location.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(new H1("Low stock"), new Paragraph("Out of stock first, then critical, then low. The list follows every stock movement live."),
                location, grid);
        live.subscribe(this, StockChanged.class, e -> grid.getDataProvider().refreshAll());
    }
}
