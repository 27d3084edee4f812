package com.fleetdesk.maintenance.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.PushedUpdates;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleType;
import com.fleetdesk.maintenance.DueStatus;
import com.fleetdesk.maintenance.MaintenanceFixtures;
import com.fleetdesk.maintenance.MaintenanceFixtures.Stocked;
import com.fleetdesk.maintenance.ServiceDue;
import com.fleetdesk.maintenance.WorkOrder;
import com.fleetdesk.maintenance.WorkOrderService;
import com.fleetdesk.maintenance.WorkOrderStatus;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {ServiceDueView.class, MainLayout.class})
class MaintenanceViewsTest extends SpringBrowserlessTest {

    @Autowired
    WorkOrderService orders;
    @Autowired
    MaintenanceFixtures fixtures;
    @Autowired
    SignedIn signedIn;

    @Test
    @WithUserDetails("manager")
    void dueListShowsStatusAsTextFiltersAndOpensAWorkOrderInOneClick() {
        Vehicle van = fixtures.van("Transit Custom", new BigDecimal("25000"), LocalDate.now().minusMonths(3));
        ServiceDueView view = navigate(ServiceDueView.class);
        assertThat(test(view.grid).size()).isPositive();
        assertThat(view.summary.getText()).contains("overdue", "due soon");

        view.status.setValue(DueStatus.OVERDUE);
        int rows = test(view.grid).size();
        assertThat(rows).isPositive();
        for (int i = 0; i < rows; i++) {
            assertThat(test(view.grid).getRow(i).status()).isEqualTo(DueStatus.OVERDUE);
        }
        assertThat(test(view.grid).getLitRendererPropertyValue(0, 7, "text", String.class)).isEqualTo("Overdue");

        test(view.search).setValue(van.getRegistration());
        ServiceDue line = test(view.grid).getRow(0);
        assertThat(line.registration()).isEqualTo(van.getRegistration());
        assertThat(line.scheduleName()).isEqualTo("A service");
        assertThat(test(view.grid).getLitRendererPropertyValue(0, "workOrder", "what", String.class))
                .isEqualTo("A service for " + van.getRegistration());
        test(view.grid).invokeLitRendererFunction(0, "workOrder", "create");

        WorkOrderView detail = (WorkOrderView) getCurrentView();
        assertThat(detail.title.getText()).endsWith("· A service");
        assertThat(detail.start.isVisible()).isTrue();
        ServiceDueView again = navigate(ServiceDueView.class);
        test(again.search).setValue(van.getRegistration());
        again.status.setValue(DueStatus.OVERDUE);
        assertThat(test(again.grid).getRow(0).openWorkOrderNumber()).isEqualTo(detail.title.getText().split(" · ")[0]);
        assertThat(test(again.grid).getLitRendererPropertyValue(0, "workOrder", "href", String.class))
                .isEqualTo("maintenance/work-order/" + test(again.grid).getRow(0).openWorkOrderId());
    }

    @Test
    @WithUserDetails("technician")
    void technicianScansAPartReservesItWorksThroughTheChecklistAndCompletes() {
        Vehicle van = fixtures.van("Transit Custom", new BigDecimal("3000"), LocalDate.now().minusMonths(3));
        Stocked s = fixtures.stocked(5);
        WorkOrder order = orders.create(van.getId(), null, "Replace wiper blades");
        WorkOrderView view = navigate(WorkOrderView.class, order.getId());
        test(view.takeIt).click();
        assertThat(orders.find(order.getId()).orElseThrow().getTechnicianUsername()).isEqualTo("technician");

        // What a keyboard-wedge scanner sends: the code, then Enter.
        ObjectNode data = JacksonUtils.createObjectNode();
        data.put("event.key === 'Enter'", true);
        data.put("element.value", s.number());
        view.code.getElement().getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(view.code.getElement(), "keydown", data));
        assertThat(view.part.getValue().partNumber()).isEqualTo(s.number());
        view.location.setValue(view.location.getListDataView().getItems().filter(l -> l.id() == s.location()).findFirst().orElseThrow());
        assertThat(view.availability.getText()).contains("5 available");

        view.quantity.setValue(new BigDecimal("9"));
        test(view.reserve).click();
        assertThat(view.quantity.isInvalid()).isTrue();
        assertThat(view.quantity.getErrorMessage()).contains("Only 5", "cannot reserve 9");
        view.quantity.setValue(new BigDecimal("2"));
        test(view.reserve).click();
        assertThat(test(view.parts).size()).isEqualTo(1);
        assertThat(test(view.parts).getLitRendererPropertyValue(0, 6, "text", String.class)).isEqualTo("Reserved");
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("2");

        test(view.notes).setValue("Rear blade also worn");
        test(view.saveNotes).click();
        assertThat(orders.find(order.getId()).orElseThrow().getNotes()).isEqualTo("Rear blade also worn");
        test(view.newTask).setValue("Fit new blades");
        test(view.addTask).click();
        test(view.start).click();
        assertThat(view.complete.isVisible()).isTrue();
        test(view.allDone).click();
        test(view.complete).click();
        assertThat($(Dialog.class).single().isOpened()).isTrue();
        test(view.completeConfirm).click();

        assertThat(orders.find(order.getId()).orElseThrow().getStatus()).isEqualTo(WorkOrderStatus.DONE);
        assertThat(view.complete.isVisible()).isFalse();
        assertThat(test(view.parts).getLitRendererPropertyValue(0, 6, "text", String.class)).isEqualTo("Issued");
        assertThat(view.cost.getText()).contains("parts £25.00");
        assertThat(fixtures.level(s).onHand()).isEqualByComparingTo("3");

        // The vehicle's service history in the list, with labour and parts in the cost.
        WorkOrderListView list = navigate(WorkOrderListView.class);
        list.vehicle.setValue(list.vehicle.getLazyDataView().getItems().filter(v -> v.getId().equals(van.getId())).findFirst().orElseThrow());
        assertThat(test(list.grid).size()).isEqualTo(1);
        assertThat(test(list.grid).getRow(0).getNumber()).isEqualTo(order.getNumber());
        assertThat(test(list.grid).getLitRendererPropertyValue(0, 3, "text", String.class)).isEqualTo("Done");
        assertThat(test(list.grid).getCellText(0, 7)).isEqualTo("£25.00");
    }

    @Test
    @WithUserDetails("manager")
    void theOpenWorkOrderFollowsChangesMadeElsewhere() {
        Vehicle van = fixtures.van("Transit Custom", new BigDecimal("3000"), LocalDate.now().minusMonths(3));
        WorkOrder order = orders.create(van.getId(), null, "Check the tail lift");
        WorkOrderView view = navigate(WorkOrderView.class, order.getId());
        WorkOrderListView list = navigate(WorkOrderListView.class);
        list.status.setValue(WorkOrderStatus.IN_PROGRESS);
        int before = test(list.grid).size();
        signedIn.run("technician", () -> orders.start(order.getId()));
        PushedUpdates.deliver();
        assertThat(test(list.grid).size()).isEqualTo(before + 1);
        assertThat(test(list.grid).getRow(0).getNumber()).isEqualTo(order.getNumber());
        view = navigate(WorkOrderView.class, order.getId());
        test(view.cancel).click();
        assertThat($(Dialog.class).single().isOpened()).isTrue();
        test(view.cancelConfirm).click();
        assertThat(view.cancelReason.isInvalid()).isTrue();
        assertThat(view.cancelReason.getErrorMessage()).contains("why");
        view.cancelReason.setValue("Lift works after all");
        test(view.cancelConfirm).click();
        assertThat(orders.find(order.getId()).orElseThrow().getStatus()).isEqualTo(WorkOrderStatus.CANCELLED);
    }

    @Test
    @WithUserDetails("warehouse")
    void warehouseStaffReadWorkOrdersButCannotChangeThem() {
        WorkOrderListView list = navigate(WorkOrderListView.class);
        assertThat(list.add.isVisible()).isFalse();
        list.status.setValue(WorkOrderStatus.DONE);
        assertThat(test(list.grid).size()).isPositive();
        WorkOrder done = test(list.grid).getRow(0);
        assertThat(done.getStatus()).isEqualTo(WorkOrderStatus.DONE);
        WorkOrderView view = navigate(WorkOrderView.class, done.getId());
        assertThat(view.title.getText()).startsWith(done.getNumber());
        assertThat(view.start.isVisible()).isFalse();
        assertThat(view.cancel.isVisible()).isFalse();
        assertThat(view.editors.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("admin")
    void administratorAddsAScheduleAndAScheduleWithoutIntervalIsRefused() {
        ServiceSchedulesView view = navigate(ServiceSchedulesView.class);
        int before = test(view.grid).size();
        assertThat(before).isPositive();
        test(view.add).click();
        ScheduleForm form = $(ScheduleForm.class).single();
        assertThat(form.isOpened()).isTrue();
        test(form.name).setValue("Tyre rotation");
        form.vehicleType.setValue(VehicleType.VAN);
        test(form.vehicleModel).setValue("View test " + System.nanoTime() % 100000);
        test($(Button.class).withText("Save").single()).click();
        assertThat(form.isOpened()).as("no interval: refused").isTrue();
        assertThat(form.intervalKm.isInvalid()).isTrue();
        assertThat(form.intervalKm.getErrorMessage()).contains("interval in km, in months, or both");
        form.intervalKm.setValue(10_000);
        test($(Button.class).withText("Save").single()).click();
        assertThat(form.isOpened()).isFalse();
        assertThat(test(view.grid).size()).isEqualTo(before + 1);
    }
}
