package com.fleetdesk.inventory.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.PushedUpdates;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockFilter;
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.StockStatus;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {StockView.class, MainLayout.class})
class StockViewTest extends SpringBrowserlessTest {

    @Autowired
    StockService stock;
    @Autowired
    StockLedger ledger;

    @Test
    @WithUserDetails("warehouse")
    void gridListsStockAndFiltersByStatus() {
        StockView view = navigate(StockView.class);
        assertThat(test(view.grid).size()).isPositive();
        view.status.setValue(StockStatus.CRITICAL);
        int rows = Math.min(test(view.grid).size(), 20);
        assertThat(rows).as("the demo data has parts at their critical point").isPositive();
        for (int i = 0; i < rows; i++) {
            assertThat(test(view.grid).getRow(i).status()).isEqualTo(StockStatus.CRITICAL);
        }
        assertThat(test(view.grid).getLitRendererPropertyValue(0, 6, "text", String.class)).isEqualTo("Critical");
        view.status.setValue(StockStatus.LOW);
        assertThat(test(view.grid).size()).as("and some below their reorder point").isPositive();
        assertThat(test(view.grid).getRow(0).status()).isEqualTo(StockStatus.LOW);
        assertThat(stock.topMovers(30, 5)).as("demo work orders issued parts").isNotEmpty();
    }

    @Test
    @WithUserDetails("warehouse")
    void enterAfterAScannedBarcodeSelectsThatPartAndTheGridFollowsLiveChanges() {
        PartInfo part = stock.parts("FLT-OIL-105", 0, 1).getFirst();
        StockView view = navigate(StockView.class);
        // What a keyboard-wedge scanner sends: the typed code with the Enter key press.
        ObjectNode data = JacksonUtils.createObjectNode();
        data.put("event.key === 'Enter'", true);
        data.put("element.value", part.barcode());
        view.search.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(view.search.getElement(), "keydown", data));
        assertThat(view.currentFilter().partId()).isEqualTo(part.id());
        int rows = test(view.grid).size();
        assertThat(rows).isPositive();
        for (int i = 0; i < rows; i++) {
            assertThat(test(view.grid).getRow(i).partId()).isEqualTo(part.id());
        }
        StockRow selected = view.grid.asSingleSelect().getValue();
        assertThat(selected.partId()).isEqualTo(part.id());

        BigDecimal before = test(view.grid).getRow(0).onHand();
        ledger.receive(part.id(), test(view.grid).getRow(0).locationId(), new BigDecimal("7"), null, null, "PO-LIVE");
        PushedUpdates.deliver();
        assertThat(test(view.grid).getRow(0).onHand()).isEqualByComparingTo(before.add(new BigDecimal("7")));
    }

    @Test
    @WithUserDetails("warehouse")
    void issuingMoreThanIsAvailableIsRefusedWithTheMessage() {
        StockView view = navigate(StockView.class);
        StockRow row = stock.page(new StockFilter(null, null, StockStatus.OK, "BRK-PAD", null), 0, 1).getFirst();
        view.codeEntered(row.partNumber());
        view.location.setValue(view.location.getListDataView().getItems().filter(l -> l.id() == row.locationId()).findFirst().orElseThrow());
        view.grid.select(test(view.grid).getRow(0));
        test(view.record).click();
        MovementDialog dialog = $(MovementDialog.class).single();
        assertThat(dialog).isSameAs(view.dialog);
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.part.getValue().id()).isEqualTo(row.partId());
        assertThat(dialog.location.getValue().id()).isEqualTo(row.locationId());
        dialog.kind.setValue(MovementDialog.Kind.ISSUE);
        BigDecimal tooMany = row.available().add(BigDecimal.ONE);
        dialog.quantity.setValue(tooMany);
        test(dialog.reference).setValue("WO-404");
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.problem.getText()).isEqualTo("Only " + row.available().stripTrailingZeros().toPlainString() + " "
                + row.partNumber() + " (" + row.partName() + ") available at " + row.locationName() + ": cannot issue "
                + tooMany.stripTrailingZeros().toPlainString() + ".");
        assertThat(dialog.quantity.isInvalid()).isTrue();
        assertThat(stock.level(row.partId(), row.locationId()).orElseThrow().onHand()).isEqualByComparingTo(row.onHand());

        dialog.quantity.setValue(BigDecimal.ONE);
        test(dialog.save).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(stock.level(row.partId(), row.locationId()).orElseThrow().onHand()).isEqualByComparingTo(row.onHand().subtract(BigDecimal.ONE));
    }

    @Test
    @WithUserDetails("technician")
    void techniciansMayOnlyIssue() {
        StockView view = navigate(StockView.class);
        test(view.record).click();
        assertThat($(MovementDialog.class).single().kind.getListDataView().getItems()).containsExactly(MovementDialog.Kind.ISSUE);
        assertThat($(Button.class).withText("Record").exists()).isTrue();
    }
}
