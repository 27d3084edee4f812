package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.inventory.CategoryInfo;
import com.fleetdesk.inventory.CycleCountRow;
import com.fleetdesk.inventory.CycleCountService;
import com.fleetdesk.inventory.CycleCountStatus;
import com.fleetdesk.inventory.InventoryChanged;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Count sheets: start one for a location (and category), open it to count, submit and approve. */
@Route("inventory/cycle-counts")
@PageTitle("Cycle counts · Fleetdesk")
@Menu(title = "Cycle counts", order = 404, icon = "vaadin:clipboard-check")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.FLEET_MANAGER})
public class CycleCountsView extends Main {

    final Grid<CycleCountRow> grid = new Grid<>(CycleCountRow.class, false);
    final ComboBox<CycleCountStatus> status = new ComboBox<>("Status");
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location to count");
    final ComboBox<CategoryInfo> category = new ComboBox<>("Category (optional)");
    final Button start = new Button("Start count sheet", VaadinIcon.PLUS.create());

    public CycleCountsView(CycleCountService counts, StockService stock, LiveEventBus live) {
        addClassNames("list-view");
        status.setItems(CycleCountStatus.values());
        status.setItemLabelGenerator(CycleCountStatus::label);
        status.setClearButtonVisible(true);
        location.setItems(stock.locations());
        location.setItemLabelGenerator(StockLocationInfo::name);
        category.setItems(stock.categories());
        category.setItemLabelGenerator(CategoryInfo::path);
        category.setClearButtonVisible(true);

        grid.addColumn(CycleCountRow::number).setHeader("Count").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(CycleCountRow::status, CycleCountStatus::label, InventoryBadges::tone)).setHeader("Status").setAutoWidth(true);
        grid.addColumn(CycleCountRow::locationName).setHeader("Location").setFlexGrow(1);
        grid.addColumn(r -> r.categoryName() == null ? "All parts" : r.categoryName()).setHeader("Category").setAutoWidth(true);
        grid.addColumn(r -> r.counted() + " / " + r.lines()).setHeader("Counted").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(CycleCountRow::variances).setHeader("Variances").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> PurchaseOrdersView.WHEN.format(r.createdAt())).setHeader("Started").setAutoWidth(true);
        grid.addColumn(r -> r.createdBy() == null ? "" : r.createdBy()).setHeader("By").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Cycle counts");
        grid.setEmptyStateText("No count sheets yet.");
        grid.setSizeFull();
        grid.setItems(q -> counts.list(status.getValue(), q.getOffset(), Math.min(q.getLimit(), 1000)).stream());
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(r -> getUI().ifPresent(ui -> ui.navigate(CycleCountView.class, r.id()))));
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            if (location.isEmpty()) {
                location.setErrorMessage("Choose the location to count.");
                location.setInvalid(true);
                return;
            }
            try {
                long id = counts.create(location.getValue().id(), category.getValue() == null ? null : category.getValue().id());
                Feedback.saved("Cycle count #" + id + " started");
                getUI().ifPresent(ui -> ui.navigate(CycleCountView.class, id));
            } catch (InvalidInputException ex) {
                (("category".equals(ex.field().orElse(null))) ? category : location).setErrorMessage(ex.getMessage());
                (("category".equals(ex.field().orElse(null))) ? category : location).setInvalid(true);
            }
        });
        FlexLayout newCount = new FlexLayout(location, category, start);
        newCount.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        newCount.setAlignItems(FlexComponent.Alignment.BASELINE);
        newCount.addClassNames("filter-bar");
        newCount.setVisible(CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE));
        add(new H1("Cycle counts"), newCount, new H2("Count sheets"), status, grid);
        live.subscribe(this, InventoryChanged.class, e -> {
            if (e.kind() == InventoryChanged.Kind.CYCLE_COUNT) {
                grid.getDataProvider().refreshAll();
            }
        });
    }
}
