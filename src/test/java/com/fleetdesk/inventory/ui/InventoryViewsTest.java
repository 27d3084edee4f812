package com.fleetdesk.inventory.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.PushedUpdates;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.inventory.CycleCountService;
import com.fleetdesk.inventory.CycleCountStatus;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.LocationKind;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.PurchaseOrderService;
import com.fleetdesk.inventory.PurchaseOrderStatus;
import com.fleetdesk.inventory.StockExport;
import com.fleetdesk.inventory.StockFilter;
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.StockStatus;
import com.fleetdesk.inventory.TransferStatus;
import com.fleetdesk.inventory.Unit;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.BigDecimalField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {StockView.class, MainLayout.class})
class InventoryViewsTest extends SpringBrowserlessTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    PurchaseOrderService orders;
    @Autowired
    CycleCountService counts;
    @Autowired
    StockService stock;
    @Autowired
    StockLedger ledger;
    @Autowired
    InventoryCatalog catalog;
    @Autowired
    StockExport export;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcClient jdbc;

    record Fixture(long part, String number, long category, long location) {
    }

    private Fixture fixture() {
        return signedIn.as("warehouse", () -> {
            String suffix = SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000;
            long category = catalog.createCategory("View test " + suffix, null);
            long part = catalog.createPart("VT-" + suffix, "View test part", null, category, Unit.PIECE, new BigDecimal("2.00"), null, false, null);
            long location = catalog.createLocation(LocationKind.WAREHOUSE, "View test store " + suffix, "Test", null, null);
            return new Fixture(part, "VT-" + suffix, category, location);
        });
    }

    private Button button(String text) {
        return $(Button.class).withText(text).single();
    }

    @Test
    @WithUserDetails("warehouse")
    void purchaseOrderIsFilledSubmittedAndReceivedOnItsPage() {
        Fixture f = fixture();
        long supplier = orders.suppliers().getFirst().id();
        long po = orders.createDraft(supplier, f.location, "View test");
        PurchaseOrderView view = navigate(PurchaseOrderView.class, po);
        assertThat(view.title.getText()).isEqualTo("PO-" + po);

        PartInfo part = stock.partByCode(f.number).orElseThrow();
        view.part.setValue(part);
        view.quantity.setValue(new BigDecimal("2.5"));
        test(view.addLine).click();
        assertThat(view.problem.isVisible()).isTrue();
        assertThat(view.problem.getText()).contains("whole pieces");
        assertThat(view.quantity.isInvalid()).isTrue();
        assertThat(test(view.lines).size()).isZero();

        view.quantity.setValue(new BigDecimal("3"));
        view.price.setValue(new BigDecimal("1.75"));
        test(view.addLine).click();
        assertThat(test(view.lines).size()).isEqualTo(1);
        assertThat(test(view.lines).getRow(0).partNumber()).isEqualTo(f.number);
        test(button("Submit for approval")).click();
        assertThat(orders.details(po).status()).isEqualTo(PurchaseOrderStatus.SUBMITTED);
        assertThat($(Button.class).withText("Approve").exists()).as("warehouse staff do not approve").isFalse();
        assertThat(view.lineForm.isVisible()).as("only drafts are edited").isFalse();

        signedIn.run("manager", () -> orders.approve(po));
        test(button("Mark as ordered")).click();
        assertThat(view.receiptRows).hasSize(1);
        view.receiptRows.getFirst().quantity().setValue(new BigDecimal("4"));
        test(view.bookReceipt).click();
        assertThat(view.problem.getText()).contains("Only 3 of " + f.number + " are still outstanding");
        assertThat(stock.level(f.part, f.location)).isEmpty();

        view.receiptRows.getFirst().quantity().setValue(new BigDecimal("3"));
        test(view.bookReceipt).click();
        assertThat(orders.details(po).status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(stock.level(f.part, f.location).orElseThrow().onHand()).isEqualByComparingTo("3");
        assertThat(view.receiveForm.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("warehouse")
    void transferToTheSameLocationIsRefusedOnTheFieldAndAValidOneShips() {
        Fixture f = fixture();
        ledger.receive(f.part, f.location, BigDecimal.TEN, null, null, "PO-VT");
        TransfersView view = navigate(TransfersView.class);
        test(view.request).click();
        TransfersView.RequestDialog dialog = $(TransfersView.RequestDialog.class).single();
        assertThat(dialog).isSameAs(view.dialog);
        StockLocationInfo here = dialog.from.getListDataView().getItems().filter(l -> l.id() == f.location).findFirst().orElseThrow();
        StockLocationInfo other = dialog.from.getListDataView().getItems().filter(l -> l.id() != f.location).findFirst().orElseThrow();
        dialog.part.setValue(stock.partByCode(f.number).orElseThrow());
        dialog.from.setValue(here);
        dialog.to.setValue(here);
        dialog.quantity.setValue(new BigDecimal("4"));
        test(dialog.save).click();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.to.isInvalid()).isTrue();
        assertThat(dialog.problem.getText()).contains("Choose another location to transfer to");

        dialog.to.setValue(other);
        test(dialog.save).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(test(view.grid).getRow(0).partNumber()).isEqualTo(f.number);
        assertThat(test(view.grid).getRow(0).status()).isEqualTo(TransferStatus.REQUESTED);
        test(view.grid).select(0);
        test(view.ship).click();
        assertThat(test(view.grid).getRow(0).status()).isEqualTo(TransferStatus.IN_TRANSIT);
        assertThat(stock.level(f.part, f.location).orElseThrow().onHand()).isEqualByComparingTo("6");
    }

    @Test
    @WithUserDetails("warehouse")
    void countsAreTypedIntoTheSheetAndShowTheirVariance() {
        Fixture f = fixture();
        ledger.receive(f.part, f.location, new BigDecimal("5"), null, null, "PO-VC");
        long id = counts.create(f.location, f.category);
        CycleCountView view = navigate(CycleCountView.class, id);
        assertThat(test(view.lines).size()).isEqualTo(1);
        BigDecimalField counted = (BigDecimalField) test(view.lines).getCellComponent(0, "counted");
        assertThat(counted.getAriaLabel().orElseThrow()).contains(f.number);
        test(counted).setValue(new BigDecimal("4"));
        assertThat(test(view.lines).getRow(0).variance()).isEqualByComparingTo("-1");
        test(button("Submit for approval")).click();
        assertThat(counts.sheet(id).status()).isEqualTo(CycleCountStatus.SUBMITTED);
        assertThat($(Button.class).withText("Approve and book variances").exists()).as("the counter cannot approve").isFalse();
    }

    @Test
    @WithUserDetails("warehouse")
    void lowStockListFollowsIssuesLive() {
        Fixture f = fixture();
        catalog.setLevelSettings(f.part, f.location, new BigDecimal("4"), new BigDecimal("2"), new BigDecimal("20"), "LS-1");
        ledger.receive(f.part, f.location, new BigDecimal("10"), null, null, "PO-LS");
        LowStockView view = navigate(LowStockView.class);
        view.location.setValue(view.location.getListDataView().getItems().filter(l -> l.id() == f.location).findFirst().orElseThrow());
        assertThat(test(view.grid).size()).isZero();
        ledger.issue(f.part, f.location, new BigDecimal("8"), null, "WO-LS");
        PushedUpdates.deliver();
        assertThat(test(view.grid).size()).isEqualTo(1);
        StockRow row = test(view.grid).getRow(0);
        assertThat(row.status()).isEqualTo(StockStatus.CRITICAL);
        assertThat(test(view.grid).getLitRendererPropertyValue(0, 0, "text", String.class)).isEqualTo("Critical");

        LowStockView all = navigate(LowStockView.class);
        for (int i = 0; i < Math.min(30, test(all.grid).size()); i++) {
            assertThat(test(all.grid).getRow(i).status()).isNotEqualTo(StockStatus.OK);
        }
    }

    @Test
    @WithUserDetails("warehouse")
    void duplicatePartNumberIsShownOnTheFieldAndTheStockGridExportsToExcel() throws Exception {
        PartsView view = navigate(PartsView.class);
        test(view.add).click();
        PartsView.PartDialog dialog = view.dialog;
        dialog.partNumber.setValue("FLT-OIL-105");
        dialog.name.setValue("Copy of an oil filter");
        dialog.category.setValue(dialog.category.getListDataView().getItems().findFirst().orElseThrow());
        dialog.unitCost.setValue(new BigDecimal("3.00"));
        test(button("Save")).click();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.partNumber.isInvalid()).isTrue();
        assertThat(dialog.partNumber.getErrorMessage()).isEqualTo("Part number FLT-OIL-105 is already in use.");

        StockFilter filter = new StockFilter(null, null, null, "BRK-PAD", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = export.writeExcel(filter, out);
        assertThat(rows).isEqualTo(stock.page(filter, 0, 1000).size()).isPositive();
        assertThat(out.toByteArray()).startsWith('P', 'K');
        assertThat(navigate(StockView.class).export.getHref()).isNotBlank();
    }

    @Test
    @WithUserDetails("manager")
    void fleetManagersSeeForecastsAndOrdersButDoNotRunTheWarehouse() {
        ReorderView reorder = navigate(ReorderView.class);
        assertThat(reorder.createOrders.isVisible()).isFalse();
        reorder.onlyNeeded.setValue(false);
        assertThat(test(reorder.grid).size()).as("the demo's workshop history gives forecasts").isPositive();
        assertThat(test(reorder.grid).getRow(0).demandHigh()).isGreaterThanOrEqualTo(test(reorder.grid).getRow(0).demandOverHorizon());
        test((Button) test(reorder.grid).getCellComponent(0, "daily")).click();
        var days = $(com.vaadin.flow.component.dialog.Dialog.class).single();
        assertThat(days.getHeaderTitle()).startsWith("Daily forecast: " + test(reorder.grid).getRow(0).partNumber());
        @SuppressWarnings("unchecked")
        var table = (com.vaadin.flow.component.grid.Grid<com.fleetdesk.inventory.DemandForecast.Day>) days.getChildren()
                .filter(c -> c instanceof com.vaadin.flow.component.grid.Grid).findFirst().orElseThrow();
        assertThat(test(table).size()).isEqualTo(14);
        days.close();
        reorder.horizon.setValue(45);
        assertThat(reorder.horizon.isInvalid()).isTrue();
        PurchaseOrdersView list = navigate(PurchaseOrdersView.class);
        assertThat(list.create.isVisible()).isFalse();
        StockOverviewView overview = navigate(StockOverviewView.class);
        assertThat(test(overview.byLocation).size()).isPositive();
        assertThat(test(overview.movers).size()).isPositive();
    }

    @Test
    @WithUserDetails("warehouse")
    void catalogueScreensListAndEditTheirRecords() {
        SuppliersView suppliers = navigate(SuppliersView.class);
        assertThat(test(suppliers.grid).size()).isGreaterThanOrEqualTo(5);
        test(suppliers.grid).select(0);
        SuppliersView.SupplierDialog supplierDialog = $(SuppliersView.SupplierDialog.class).single();
        supplierDialog.email.setValue("not an address");
        test(button("Save")).click();
        assertThat(supplierDialog.isOpened()).isTrue();
        assertThat(supplierDialog.email.isInvalid()).isTrue();
        supplierDialog.close();

        LocationsView locations = navigate(LocationsView.class);
        assertThat(test(locations.grid).size()).isGreaterThanOrEqualTo(4);
        test(locations.grid).select(0);
        LocationsView.LocationDialog locationDialog = $(LocationsView.LocationDialog.class).single();
        locationDialog.managerUsername.setValue("nobody-at-all");
        test(button("Save")).click();
        assertThat(locationDialog.managerUsername.isInvalid()).isTrue();
        assertThat(locationDialog.managerUsername.getErrorMessage()).isEqualTo("There is no user called nobody-at-all.");
        locationDialog.close();

        CategoriesView categories = navigate(CategoriesView.class);
        String name = "Trailer parts " + SEQ.incrementAndGet();
        categories.name.setValue(name);
        test(categories.save).click();
        assertThat(stock.categories()).extracting(com.fleetdesk.inventory.CategoryInfo::path).contains(name);
        categories.name.setValue(name);
        test(categories.save).click();
        assertThat(categories.name.isInvalid()).isTrue();
        assertThat(categories.name.getErrorMessage()).contains("There is already a category called " + name);

        CycleCountsView counts = navigate(CycleCountsView.class);
        assertThat(test(counts.grid).size()).as("the demo count sheet").isPositive();
        test(counts.start).click();
        assertThat(counts.location.isInvalid()).isTrue();
    }
}
