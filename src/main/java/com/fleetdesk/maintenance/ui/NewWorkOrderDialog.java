package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.maintenance.ServiceSchedule;
import com.fleetdesk.maintenance.ServiceScheduleService;
import com.fleetdesk.maintenance.WorkOrder;
import com.fleetdesk.maintenance.WorkOrderService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.Set;

/** Opens a work order: a vehicle, optionally one of its service schedules, and what the job is. */
class NewWorkOrderDialog extends Dialog {

    final ComboBox<Vehicle> vehicle = new ComboBox<>("Vehicle");
    final ComboBox<ServiceSchedule> schedule = new ComboBox<>("Service schedule (optional)");
    final TextField title = new TextField("What is the job");
    final Button create = new Button("Create work order");

    NewWorkOrderDialog(WorkOrderService orders, VehicleService vehicles, ServiceScheduleService schedules, SerializableConsumer<WorkOrder> created) {
        setHeaderTitle("New work order");
        setModal(true);
        setCloseOnEsc(true);
        setWidth("min(40rem, 100vw)");
        vehicle.setItems(vehicles.list(new VehicleFilter(null, null, Set.of(VehicleStatus.ACTIVE, VehicleStatus.IN_MAINTENANCE,
                VehicleStatus.OUT_OF_SERVICE), null), PageRequest.of(0, 5000, Sort.by("registration"))));
        vehicle.setItemLabelGenerator(Vehicle::displayName);
        vehicle.setRequiredIndicatorVisible(true);
        schedule.setItemLabelGenerator(s -> s.getName() + " (" + s.intervalText() + ")");
        schedule.setClearButtonVisible(true);
        schedule.setHelperText("Its checklist becomes the work order's tasks");
        title.setHelperText("Leave empty to use the schedule's name");
        title.setMaxLength(200);
        vehicle.addValueChangeListener(e -> {
            Vehicle v = e.getValue();
            schedule.clear();
            schedule.setItems(v == null ? List.of() : schedules.applicableTo(v.getType(), v.getModel()));
        });
        FormLayout form = new FormLayout(vehicle, schedule, title);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            vehicle.setInvalid(false);
            title.setInvalid(false);
            if (vehicle.getValue() == null) {
                vehicle.setErrorMessage("Choose the vehicle");
                vehicle.setInvalid(true);
                vehicle.focus();
                return;
            }
            try {
                WorkOrder order = orders.create(vehicle.getValue().getId(), schedule.getValue() == null ? null : schedule.getValue().getId(),
                        title.getValue());
                close();
                created.accept(order);
            } catch (InvalidInputException ex) {
                var field = ex.field().orElse("");
                if (field.equals("title")) {
                    title.setErrorMessage(ex.getMessage());
                    title.setInvalid(true);
                } else if (field.equals("schedule")) {
                    schedule.setErrorMessage(ex.getMessage());
                    schedule.setInvalid(true);
                } else {
                    vehicle.setErrorMessage(ex.getMessage());
                    vehicle.setInvalid(true);
                }
            } catch (AccessDeniedException ex) {
                Feedback.error(ex.getMessage());
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), create);
    }
}
