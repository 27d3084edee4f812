package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.inventory.CategoryInfo;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.StockExport;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockChanged;
import com.fleetdesk.inventory.StockFilter;
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.StockStatus;
import com.fleetdesk.inventory.Unit;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.math.BigDecimal;
import java.util.Optional;

/** Stock levels per part and location, filtered and searched (a barcode scanner's Enter picks the part), live. */
@Route("inventory/stock")
@PageTitle("Stock · Fleetdesk")
@Menu(title = "Stock", order = 400, icon = "vaadin:package")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.TECHNICIAN, Roles.FLEET_MANAGER})
public class StockView extends Main {

    final Grid<StockRow> grid = new Grid<>(StockRow.class, false);
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location");
    final ComboBox<CategoryInfo> category = new ComboBox<>("Category");
    final ComboBox<StockStatus> status = new ComboBox<>("Status");
    final SearchField search = new SearchField("Search", "Part number, name or barcode");
    final Button record = new Button("Record movement", VaadinIcon.EXCHANGE.create());
    final MovementDialog dialog;
    private final StockService stock;
    private StockFilter filter = StockFilter.none();
    private Long scannedPart;

    final Button settings = new Button("Reorder settings", VaadinIcon.SLIDERS.create());
    final Anchor export;
    final LevelSettingsDialog settingsDialog;

    public StockView(StockService stock, StockLedger ledger, InventoryCatalog catalog, StockExport exporter, LiveEventBus live) {
        this.stock = stock;
        this.dialog = new MovementDialog(ledger, stock);
        this.settingsDialog = new LevelSettingsDialog(catalog);
        // Streams the lines matching the filters at the moment of the click, straight from a database cursor.
        DownloadHandler download = event -> {
            event.setFileName("stock.xlsx");
            event.setContentType(StockExport.MIME_TYPE);
            exporter.writeExcel(filter, event.getOutputStream());
        };
        export = new Anchor(download, "Export Excel");
        export.getElement().setAttribute("download", true);
        export.addClassName("export-link");
        addClassNames("list-view");

        location.setItems(stock.locations());
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.setClearButtonVisible(true);
        category.setItems(stock.categories());
        category.setItemLabelGenerator(CategoryInfo::path);
        category.setClearButtonVisible(true);
        status.setItems(StockStatus.values());
        status.setItemLabelGenerator(StockStatus::label);
        status.setClearButtonVisible(true);
        search.setHelperText("Scan a barcode and press Enter to pick the part");

        grid.addColumn(StockRow::partNumber).setHeader("Part number").setKey("partNumber").setAutoWidth(true);
        grid.addColumn(StockRow::partName).setHeader("Name").setKey("name").setFlexGrow(1);
        grid.addColumn(StockRow::locationName).setHeader("Location").setKey("location").setAutoWidth(true);
        grid.addColumn(r -> quantity(r.onHand(), r.unit())).setHeader("On hand").setKey("onHand").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> quantity(r.reserved(), r.unit())).setHeader("Reserved").setKey("reserved").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> quantity(r.available(), r.unit())).setHeader("Available").setKey("available").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(badgeRenderer()).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(r -> r.expiredInLots().signum() > 0 ? quantity(r.expiredInLots(), r.unit()) + " expired" : "")
                .setHeader("Expired lots").setKey("expired").setAutoWidth(true);
        grid.addColumn(r -> r.bin() == null ? "" : r.bin()).setHeader("Bin").setKey("bin").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Stock levels");
        grid.setEmptyStateText("No stock lines match these filters.");
        grid.setSizeFull();
        grid.setItems(query -> stock.page(filter, query.getOffset(), Math.min(query.getLimit(), 1000)).stream());

        location.addValueChangeListener(e -> applyFilter());
        category.addValueChangeListener(e -> applyFilter());
        status.addValueChangeListener(e -> applyFilter());
        search.addValueChangeListener(e -> {
            scannedPart = null;
            applyFilter();
        });
        // A keyboard-wedge scanner types the code and presses Enter; the typed value travels with the key event.
        search.getElement().addEventListener("keydown", e -> codeEntered(e.getEventData().get("element.value").asString()))
                .setFilter("event.key === 'Enter'")
                .addEventData("element.value");

        record.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        record.addClickListener(e -> dialog.open(grid.asSingleSelect().getValue()));
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                grid.getDataProvider().refreshAll();
            }
        });

        FlexLayout filters = new FlexLayout(search, location, category, status);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        settings.setEnabled(false);
        settings.setVisible(CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE));
        settings.addClickListener(e -> grid.asSingleSelect().getOptionalValue().ifPresent(settingsDialog::open));
        grid.addSelectionListener(e -> settings.setEnabled(e.getFirstSelectedItem().isPresent()));
        settingsDialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                grid.getDataProvider().refreshAll();
            }
        });
        FlexLayout actions = new FlexLayout(record, settings, export);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        actions.addClassNames("filter-bar");
        add(new H1("Stock"), filters, actions, grid);
        live.subscribe(this, StockChanged.class, e -> grid.getDataProvider().refreshAll());
    }

    /** Enter in the search field: an exact barcode (or part number) match shows and selects that part. */
    void codeEntered(String code) {
        if (code == null || code.isBlank()) {
            return;
        }
        Optional<PartInfo> part = stock.partByCode(code.strip());
        if (part.isEmpty()) {
            Feedback.error("No part has the barcode or part number " + code.strip());
            return;
        }
        scannedPart = part.get().id();
        applyFilter();
        stock.page(filter, 0, 1).stream().findFirst().ifPresentOrElse(grid::select,
                () -> Feedback.info(part.get().label() + " is not stocked at the chosen location"));
    }

    private void applyFilter() {
        String text = scannedPart != null ? null : search.getValue();
        filter = new StockFilter(location.getValue() == null ? null : location.getValue().id(),
                category.getValue() == null ? null : category.getValue().id(), status.getValue(), text, scannedPart);
        grid.getDataProvider().refreshAll();
    }

    StockFilter currentFilter() {
        return filter;
    }

    static LitRenderer<StockRow> badgeRenderer() {
        return StatusBadge.renderer(StockRow::status, StockStatus::label, s -> switch (s) {
            case OK -> StatusBadge.Tone.SUCCESS;
            case LOW -> StatusBadge.Tone.WARNING;
            case CRITICAL, OUT -> StatusBadge.Tone.ERROR;
        });
    }

    static String quantity(BigDecimal value, Unit unit) {
        String n = value.stripTrailingZeros().toPlainString();
        return unit == Unit.PIECE ? n : n + " " + unit.symbol();
    }
}
