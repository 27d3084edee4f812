package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.fleet.VehicleType;
import com.fleetdesk.maintenance.ServiceSchedule;
import com.fleetdesk.maintenance.ServiceScheduleService;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;

/** Create or edit a service schedule; field rules come from the entity's Bean Validation annotations. */
class ScheduleForm extends EditDialog<ServiceSchedule> {

    final TextField name = new TextField("Name");
    final Select<VehicleType> vehicleType = new Select<>();
    final TextField vehicleModel = new TextField("Model (optional)");
    final IntegerField intervalKm = new IntegerField("Every (km)");
    final IntegerField intervalMonths = new IntegerField("Every (months)");
    final TextArea tasks = new TextArea("Tasks checklist");
    final TextArea typicalParts = new TextArea("Typical parts");
    final Checkbox active = new Checkbox("In use");

    ScheduleForm(ServiceScheduleService schedules, SerializableConsumer<ServiceSchedule> afterSave) {
        super("Service schedule", ServiceSchedule.class, schedules::save, afterSave);
        vehicleType.setLabel("Vehicle type");
        vehicleType.setItems(VehicleType.values());
        vehicleType.setItemLabelGenerator(VehicleType::label);
        vehicleModel.setHelperText("Leave empty for every model; a model's schedule replaces the type's schedule of the same name");
        intervalKm.setHelperText("Distance between services; leave empty if only by time");
        intervalMonths.setHelperText("Time between services; leave empty if only by distance");
        tasks.setHelperText("One task a line; a work order for this schedule starts with this checklist");
        typicalParts.setHelperText("One a line, for example FLT-OIL oil filter × 1");
        binder.bindInstanceFields(this);
        form.add(name, vehicleType, vehicleModel, intervalKm, intervalMonths, active, tasks, typicalParts);
        form.setColspan(tasks, 2);
        form.setColspan(typicalParts, 2);
    }

    @Override
    public void edit(ServiceSchedule schedule) {
        setHeaderTitle(schedule.isNew() ? "New service schedule" : "Service schedule: " + schedule.getName());
        super.edit(schedule);
    }
}
