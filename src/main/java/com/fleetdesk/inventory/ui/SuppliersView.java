package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.PurchaseOrderService;
import com.fleetdesk.inventory.SupplierForm;
import com.fleetdesk.inventory.SupplierInfo;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Suppliers of parts: name and contact details (a click edits). */
@Route("inventory/suppliers")
@PageTitle("Suppliers · Fleetdesk")
@Menu(title = "Suppliers", order = 408, icon = "vaadin:truck")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE})
public class SuppliersView extends Main {

    final Grid<SupplierInfo> grid = new Grid<>(SupplierInfo.class, false);
    final Button add = new Button("New supplier", VaadinIcon.PLUS.create());
    final SupplierDialog dialog;
    private final PurchaseOrderService orders;

    public SuppliersView(InventoryCatalog catalog, PurchaseOrderService orders) {
        this.orders = orders;
        addClassNames("list-view");
        dialog = new SupplierDialog(catalog, saved -> {
            Feedback.saved("Supplier " + saved.getName() + " saved");
            reload();
        });
        grid.addColumn(SupplierInfo::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(s -> s.email() == null ? "" : s.email()).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(s -> s.phone() == null ? "" : s.phone()).setHeader("Phone").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Suppliers");
        grid.setEmptyStateText("No suppliers yet.");
        grid.setSizeFull();
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(s -> {
            SupplierForm form = new SupplierForm();
            form.setId(s.id());
            form.setVersion(s.version());
            form.setName(s.name());
            form.setEmail(s.email());
            form.setPhone(s.phone());
            dialog.edit(form);
            grid.asSingleSelect().clear();
        }));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(e -> dialog.edit(new SupplierForm()));
        add(new H1("Suppliers"), add, grid);
        reload();
    }

    private void reload() {
        grid.setItems(orders.suppliers());
    }

    static class SupplierDialog extends EditDialog<SupplierForm> {
        final TextField name = new TextField("Name");
        final EmailField email = new EmailField("E-mail");
        final TextField phone = new TextField("Phone");

        SupplierDialog(InventoryCatalog catalog, SerializableConsumer<SupplierForm> afterSave) {
            super("Supplier", SupplierForm.class, catalog::saveSupplier, afterSave);
            binder.bindInstanceFields(this);
            form.add(name, email, phone);
        }
    }
}
