package com.fleetdesk.fleet.ui;

import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverFilter;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.fleet.VehicleType;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import java.util.List;

/** Register or edit a vehicle; field rules come from the entity's Bean Validation annotations. */
class VehicleForm extends EditDialog<Vehicle> {

    final TextField registration = new TextField("Registration plate");
    final TextField vin = new TextField("VIN");
    final TextField make = new TextField("Make");
    final TextField model = new TextField("Model");
    final IntegerField modelYear = new IntegerField("Model year");
    final Select<VehicleType> type = new Select<>();
    final Select<FuelType> fuelType = new Select<>();
    final BigDecimalField tankCapacityLitres = new BigDecimalField("Tank capacity (litres)");
    final IntegerField capacityKg = new IntegerField("Payload (kg)");
    final BigDecimalField capacityM3 = new BigDecimalField("Load volume (m³)");
    final BigDecimalField odometerKm = new BigDecimalField("Odometer (km)");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final ComboBox<Driver> currentDriver = new ComboBox<>("Current driver");
    final TextField trackerDeviceId = new TextField("Tracker device ID");
    final DatePicker purchaseDate = new DatePicker("Purchase date");
    final BigDecimalField nextServiceKm = new BigDecimalField("Next service due (km)");
    final DatePicker nextServiceDate = new DatePicker("Next service due (date)");
    final Select<VehicleStatus> status = new Select<>();
    private final VehicleService vehicles;

    VehicleForm(VehicleService vehicles, DepotService depots, DriverService drivers, SerializableConsumer<Vehicle> afterSave) {
        super("Vehicle", Vehicle.class, vehicles::save, afterSave);
        this.vehicles = vehicles;
        type.setLabel("Type");
        type.setItems(VehicleType.values());
        type.setItemLabelGenerator(VehicleType::label);
        fuelType.setLabel("Fuel");
        fuelType.setItems(FuelType.values());
        fuelType.setItemLabelGenerator(FuelType::label);
        status.setLabel("Status");
        status.setItems(VehicleStatus.values());
        status.setItemLabelGenerator(VehicleStatus::label);
        status.setHelperText("A retired vehicle cannot return to service");
        vin.setMaxLength(17);
        vin.setHelperText("17 characters, no I, O or Q");
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        currentDriver.setItemLabelGenerator(Driver::fullName);
        currentDriver.setClearButtonVisible(true);
        depot.addValueChangeListener(e -> loadDrivers(drivers, e.getValue()));

        binder.forField(status).asRequired("Choose a status").bind(Vehicle::getStatus, Vehicle::changeStatus);
        binder.bindInstanceFields(this);
        form.add(registration, vin, make, model, modelYear, type, fuelType, tankCapacityLitres, capacityKg, capacityM3,
                odometerKm, depot, currentDriver, trackerDeviceId, purchaseDate, nextServiceKm, nextServiceDate, status);
    }

    private void loadDrivers(DriverService drivers, Depot selected) {
        if (selected == null) {
            currentDriver.setItems(List.of());
            return;
        }
        try {
            currentDriver.setItems(drivers.list(new DriverFilter(null, selected.getId(), null),
                    PageRequest.of(0, 500, Sort.by("lastName", "firstName"))));
        } catch (org.springframework.security.access.AccessDeniedException e) {
            // people who may only look at vehicles still see the current driver's name
            currentDriver.setItems(bean() != null && bean().getCurrentDriver() != null ? List.of(bean().getCurrentDriver()) : List.of());
        }
    }

    @Override
    public void edit(Vehicle vehicle) {
        setHeaderTitle(vehicle.isNew() ? "New vehicle" : "Vehicle " + vehicle.getRegistration());
        super.edit(vehicle);
    }
}
