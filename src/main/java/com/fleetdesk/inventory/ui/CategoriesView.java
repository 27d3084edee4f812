package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.inventory.CategoryInfo;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/** The category tree: add categories, rename them or move them under another parent. */
@Route("inventory/categories")
@PageTitle("Part categories · Fleetdesk")
@Menu(title = "Part categories", order = 410, icon = "vaadin:folder-open")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE})
public class CategoriesView extends Main {

    final TreeGrid<CategoryInfo> tree = new TreeGrid<>();
    final TextField name = new TextField("Name");
    final ComboBox<CategoryInfo> parent = new ComboBox<>("Parent category");
    final Button save = new Button("Add category");
    final Button clear = new Button("New instead");
    final Paragraph problem = new Paragraph();
    private final InventoryCatalog catalog;
    private final StockService stock;
    private CategoryInfo editing;

    public CategoriesView(InventoryCatalog catalog, StockService stock) {
        this.catalog = catalog;
        this.stock = stock;
        addClassNames("list-view");
        tree.addHierarchyColumn(CategoryInfo::name).setHeader("Category").setFlexGrow(1);
        tree.setAriaLabel("Part categories");
        tree.setEmptyStateText("No categories yet.");
        tree.setSizeFull();
        tree.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::startEdit));
        parent.setItemLabelGenerator(CategoryInfo::path);
        parent.setClearButtonVisible(true);
        parent.setHelperText("Empty: a top-level category");
        name.setMaxLength(100);
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        clear.addClickListener(e -> startNew());
        FlexLayout form = new FlexLayout(name, parent, save, clear);
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.addClassName("filter-bar");
        add(new H1("Part categories"), new H2("Add or change"), problem, form, tree);
        reload();
        startNew();
    }

    private void reload() {
        List<CategoryInfo> all = stock.categories();
        tree.setItems(all.stream().filter(c -> c.parentId() == null).toList(),
                c -> all.stream().filter(x -> x.parentId() != null && x.parentId() == c.id()).toList());
        tree.expand(all);
        parent.setItems(all);
    }

    private void startNew() {
        editing = null;
        name.clear();
        parent.clear();
        save.setText("Add category");
        clear.setVisible(false);
        tree.asSingleSelect().clear();
    }

    private void startEdit(CategoryInfo c) {
        editing = c;
        name.setValue(c.name());
        parent.setValue(c.parentId() == null ? null : stock.categories().stream().filter(x -> x.id() == c.parentId()).findFirst().orElse(null));
        save.setText("Save changes");
        clear.setVisible(true);
    }

    void save() {
        problem.setVisible(false);
        name.setInvalid(false);
        parent.setInvalid(false);
        try {
            Long parentId = parent.getValue() == null ? null : parent.getValue().id();
            if (editing == null) {
                catalog.createCategory(name.getValue(), parentId);
            } else {
                catalog.updateCategory(editing.id(), name.getValue(), parentId);
            }
            Feedback.saved("Category " + name.getValue().strip() + " saved");
            reload();
            startNew();
        } catch (InvalidInputException e) {
            if ("parent".equals(e.field().orElse(null))) {
                parent.setErrorMessage(e.getMessage());
                parent.setInvalid(true);
            } else {
                name.setErrorMessage(e.getMessage());
                name.setInvalid(true);
            }
            problem.setText(e.getMessage());
            problem.setVisible(true);
        }
    }
}
