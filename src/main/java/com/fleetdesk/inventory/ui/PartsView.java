package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.inventory.CategoryInfo;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.InventoryChanged;
import com.fleetdesk.inventory.PartForm;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.PartSupplierInfo;
import com.fleetdesk.inventory.PurchaseOrderService;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.SupplierInfo;
import com.fleetdesk.inventory.Unit;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The parts catalogue: search, create and edit parts, and who supplies them at what lead time and price. */
@Route("inventory/parts")
@PageTitle("Parts · Fleetdesk")
@Menu(title = "Parts", order = 407, icon = "vaadin:cogs")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE})
public class PartsView extends Main {

    final Grid<PartInfo> grid = new Grid<>(PartInfo.class, false);
    final SearchField search = new SearchField("Search", "Part number, name or barcode");
    final Button add = new Button("New part", VaadinIcon.PLUS.create());
    final Button suppliers = new Button("Suppliers of the part", VaadinIcon.TRUCK.create());
    final PartDialog dialog;
    final SuppliersDialog suppliersDialog;
    private final InventoryCatalog catalog;
    private final List<CategoryInfo> categories;

    public PartsView(InventoryCatalog catalog, StockService stock, PurchaseOrderService orders, LiveEventBus live) {
        this.catalog = catalog;
        addClassNames("list-view");
        categories = stock.categories();
        Map<Long, String> paths = categories.stream().collect(Collectors.toMap(CategoryInfo::id, CategoryInfo::path));
        dialog = new PartDialog(catalog, categories, saved -> {
            Feedback.saved("Part " + saved.getPartNumber() + " saved");
            grid.getDataProvider().refreshAll();
        });
        suppliersDialog = new SuppliersDialog(catalog, orders.suppliers());

        grid.addColumn(PartInfo::partNumber).setHeader("Part number").setAutoWidth(true);
        grid.addColumn(PartInfo::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(p -> paths.getOrDefault(p.categoryId(), "")).setHeader("Category").setAutoWidth(true);
        grid.addColumn(p -> p.unit().symbol()).setHeader("Unit").setAutoWidth(true);
        grid.addColumn(p -> p.barcode() == null ? "" : p.barcode()).setHeader("Barcode").setAutoWidth(true);
        grid.addColumn(p -> p.lotTracked() ? "Lots and expiry" : "").setHeader("Tracking").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Parts");
        grid.setEmptyStateText("No parts match this search.");
        grid.setSizeFull();
        grid.setItems(q -> stock.parts(search.getValue(), q.getOffset(), Math.min(q.getLimit(), 1000)).stream());
        grid.addItemDoubleClickListener(e -> edit(e.getItem()));
        grid.addSelectionListener(e -> suppliers.setEnabled(e.getFirstSelectedItem().isPresent()));
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        Button editButton = new Button("Edit part", VaadinIcon.EDIT.create(), e -> grid.asSingleSelect().getOptionalValue().ifPresent(this::edit));
        grid.addSelectionListener(e -> editButton.setEnabled(e.getFirstSelectedItem().isPresent()));
        editButton.setEnabled(false);
        suppliers.setEnabled(false);
        suppliers.addClickListener(e -> grid.asSingleSelect().getOptionalValue().ifPresent(suppliersDialog::open));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(e -> {
            PartForm form = new PartForm();
            dialog.edit(form);
        });
        FlexLayout bar = new FlexLayout(search, add, editButton, suppliers);
        bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassNames("filter-bar");
        add(new H1("Parts"), bar, grid);
        live.subscribe(this, InventoryChanged.class, e -> {
            if (e.kind() == InventoryChanged.Kind.CATALOGUE) {
                grid.getDataProvider().refreshAll();
            }
        });
    }

    void edit(PartInfo part) {
        PartForm form = catalog.part(part.id());
        // The combo box lists categories with their full path; select that same item.
        categories.stream().filter(c -> c.id() == form.getCategory().id()).findFirst().ifPresent(form::setCategory);
        dialog.edit(form);
    }

    static class PartDialog extends EditDialog<PartForm> {
        final TextField partNumber = new TextField("Part number");
        final TextField name = new TextField("Name");
        final ComboBox<CategoryInfo> category = new ComboBox<>("Category");
        final ComboBox<Unit> unit = new ComboBox<>("Unit");
        final BigDecimalField unitCost = new BigDecimalField("Unit cost (£)");
        final TextField barcode = new TextField("Barcode");
        final Checkbox lotTracked = new Checkbox("Tracked by lot and expiry date");
        final TextArea compatibleModels = new TextArea("Compatible vehicle models");
        final TextArea description = new TextArea("Description");

        PartDialog(InventoryCatalog catalog, List<CategoryInfo> categories, SerializableConsumer<PartForm> afterSave) {
            super("Part", PartForm.class, catalog::savePart, afterSave);
            category.setItems(categories);
            category.setItemLabelGenerator(CategoryInfo::path);
            unit.setItems(Unit.values());
            unit.setItemLabelGenerator(u -> u.name().charAt(0) + u.name().substring(1).toLowerCase() + " (" + u.symbol() + ")");
            partNumber.setHelperText("Unique; stored in capitals");
            barcode.setHelperText("EAN or your own code; unique");
            compatibleModels.setHelperText("For example: Ford Transit, Iveco Daily");
            binder.bindInstanceFields(this);
            form.add(partNumber, name, category, unit, unitCost, barcode, lotTracked, compatibleModels, description);
            form.setColspan(compatibleModels, 2);
            form.setColspan(description, 2);
        }
    }

    /** The suppliers of one part with lead time and price; the shortest lead time (then price) is preferred for reorders. */
    static class SuppliersDialog extends Dialog {
        final Grid<PartSupplierInfo> grid = new Grid<>(PartSupplierInfo.class, false);
        final ComboBox<SupplierInfo> supplier = new ComboBox<>("Supplier");
        final IntegerField leadTime = new IntegerField("Lead time (days)");
        final BigDecimalField price = new BigDecimalField("Price (£)");
        final Button link = new Button("Add or update");
        final Paragraph problem = new Paragraph();
        private final InventoryCatalog catalog;
        private PartInfo part;

        SuppliersDialog(InventoryCatalog catalog, List<SupplierInfo> suppliers) {
            this.catalog = catalog;
            setModal(true);
            setCloseOnEsc(true);
            setWidth("min(48rem, 100vw)");
            grid.addColumn(PartSupplierInfo::supplierName).setHeader("Supplier").setFlexGrow(1);
            grid.addColumn(s -> s.leadTimeDays() + " d").setHeader("Lead time").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
            grid.addColumn(s -> InventoryBadges.money(s.price())).setHeader("Price").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
            grid.addComponentColumn(s -> {
                Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                    catalog.unlinkSupplier(s.partId(), s.supplierId());
                    reload();
                });
                remove.setAriaLabel("Remove " + s.supplierName());
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setHeader("Actions").setAutoWidth(true);
            grid.setAllRowsVisible(true);
            grid.setAriaLabel("Suppliers of the part");
            grid.setEmptyStateText("No supplier yet: reorder suggestions need one.");
            supplier.setItems(suppliers);
            supplier.setItemLabelGenerator(SupplierInfo::name);
            leadTime.setMin(0);
            problem.addClassName("form-problem");
            problem.getElement().setAttribute("role", "alert");
            problem.setVisible(false);
            link.addClickListener(e -> link());
            FlexLayout form = new FlexLayout(supplier, leadTime, price, link);
            form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            form.setAlignItems(FlexComponent.Alignment.BASELINE);
            form.addClassName("filter-bar");
            add(problem, grid, form);
            getFooter().add(new Button("Close", e -> close()));
        }

        void open(PartInfo part) {
            this.part = part;
            setHeaderTitle("Suppliers of " + part.partNumber());
            problem.setVisible(false);
            reload();
            open();
        }

        private void reload() {
            grid.setItems(catalog.partSuppliers(part.id()));
        }

        void link() {
            problem.setVisible(false);
            if (supplier.isEmpty() || leadTime.getValue() == null || price.getValue() == null) {
                problem.setText("Choose the supplier and enter the lead time and price.");
                problem.setVisible(true);
                return;
            }
            try {
                catalog.linkSupplier(part.id(), supplier.getValue().id(), leadTime.getValue(), price.getValue());
                reload();
            } catch (InvalidInputException e) {
                problem.setText(e.getMessage());
                problem.setVisible(true);
            }
        }
    }
}
