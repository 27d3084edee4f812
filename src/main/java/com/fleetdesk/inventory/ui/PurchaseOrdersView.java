package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.inventory.InventoryChanged;
import com.fleetdesk.inventory.PurchaseOrderRow;
import com.fleetdesk.inventory.PurchaseOrderService;
import com.fleetdesk.inventory.PurchaseOrderStatus;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.SupplierInfo;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Purchase orders, newest first, filtered by status and location; new drafts start here. */
@Route("inventory/purchase-orders")
@PageTitle("Purchase orders · Fleetdesk")
@Menu(title = "Purchase orders", order = 402, icon = "vaadin:cart")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.FLEET_MANAGER})
public class PurchaseOrdersView extends Main {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(ZoneId.of("Europe/London"));

    final Grid<PurchaseOrderRow> grid = new Grid<>(PurchaseOrderRow.class, false);
    final ComboBox<PurchaseOrderStatus> status = new ComboBox<>("Status");
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location");
    final Button create = new Button("New purchase order", VaadinIcon.PLUS.create());
    final NewOrderDialog dialog;

    public PurchaseOrdersView(PurchaseOrderService orders, StockService stock, LiveEventBus live) {
        addClassNames("list-view");
        status.setItems(PurchaseOrderStatus.values());
        status.setItemLabelGenerator(PurchaseOrderStatus::label);
        status.setClearButtonVisible(true);
        location.setItems(stock.locations());
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.setClearButtonVisible(true);

        grid.addColumn(PurchaseOrderRow::number).setHeader("Order").setKey("number").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(PurchaseOrderRow::status, PurchaseOrderStatus::label, InventoryBadges::tone)).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(PurchaseOrderRow::supplierName).setHeader("Supplier").setKey("supplier").setFlexGrow(1);
        grid.addColumn(PurchaseOrderRow::locationName).setHeader("Deliver to").setKey("location").setFlexGrow(1);
        grid.addColumn(PurchaseOrderRow::lines).setHeader("Lines").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> InventoryBadges.money(r.total())).setHeader("Total").setKey("total").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> WHEN.format(r.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(r -> r.createdBy() == null ? "" : r.createdBy()).setHeader("By").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Purchase orders");
        grid.setEmptyStateText("No purchase orders match these filters.");
        grid.setSizeFull();
        grid.setItems(q -> orders.list(status.getValue(), location.getValue() == null ? null : location.getValue().id(),
                q.getOffset(), Math.min(q.getLimit(), 1000)).stream());
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(r -> open(r.id())));
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        location.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        dialog = new NewOrderDialog(orders, stock);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> dialog.open());
        create.setVisible(CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE));

        FlexLayout filters = new FlexLayout(status, location, create);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        add(new H1("Purchase orders"), filters, grid);
        live.subscribe(this, InventoryChanged.class, e -> {
            if (e.kind() == InventoryChanged.Kind.PURCHASE_ORDER) {
                grid.getDataProvider().refreshAll();
            }
        });
    }

    private void open(long id) {
        getUI().ifPresent(ui -> ui.navigate(PurchaseOrderView.class, id));
    }

    /** Supplier, destination and a note; the order opens as a draft to add lines to. */
    static class NewOrderDialog extends Dialog {
        final ComboBox<SupplierInfo> supplier = new ComboBox<>("Supplier");
        final ComboBox<StockLocationInfo> location = new ComboBox<>("Deliver to");
        final TextField note = new TextField("Note");
        final Paragraph problem = new Paragraph();
        final Button save = new Button("Create draft");

        NewOrderDialog(PurchaseOrderService orders, StockService stock) {
            setHeaderTitle("New purchase order");
            setModal(true);
            setCloseOnEsc(true);
            supplier.setItems(orders.suppliers());
            supplier.setItemLabelGenerator(SupplierInfo::name);
            supplier.setRequired(true);
            location.setItems(stock.locations());
            location.setItemLabelGenerator(StockLocationInfo::name);
            location.setRequired(true);
            note.setMaxLength(500);
            problem.addClassName("form-problem");
            problem.getElement().setAttribute("role", "alert");
            problem.setVisible(false);
            add(problem, new FormLayout(supplier, location, note));
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> {
                if (supplier.isEmpty() || location.isEmpty()) {
                    supplier.setInvalid(supplier.isEmpty());
                    location.setInvalid(location.isEmpty());
                    problem.setText("Choose the supplier and where the goods go.");
                    problem.setVisible(true);
                    return;
                }
                try {
                    long id = orders.createDraft(supplier.getValue().id(), location.getValue().id(), note.getValue());
                    close();
                    getUI().ifPresent(ui -> ui.navigate(PurchaseOrderView.class, id));
                } catch (InvalidInputException ex) {
                    problem.setText(ex.getMessage());
                    problem.setVisible(true);
                }
            });
            getFooter().add(new Button("Cancel", e -> close()), save);
        }
    }
}
