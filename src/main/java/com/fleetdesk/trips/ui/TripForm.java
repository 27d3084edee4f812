package com.fleetdesk.trips.ui;

import com.fleetdesk.base.ui.OffsetPage;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverFilter;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.trips.CostEstimate;
import com.fleetdesk.trips.TripCategory;
import com.fleetdesk.trips.TripLog;
import com.fleetdesk.trips.TripLogService;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.function.SerializableConsumer;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Log or edit a trip: odometer and time must not run backwards; a cost estimate helps planning. */
class TripForm extends EditDialog<TripLog> {

    static final ZoneId ZONE = ZoneId.of("Europe/London");

    final ComboBox<Vehicle> vehicle = new ComboBox<>("Vehicle");
    final ComboBox<Driver> driver = new ComboBox<>("Driver");
    final TextField purpose = new TextField("Purpose");
    final Select<TripCategory> category = new Select<>();
    final DateTimePicker startedAt = new DateTimePicker("Start");
    final DateTimePicker endedAt = new DateTimePicker("End");
    final TextField startPlace = new TextField("From");
    final TextField endPlace = new TextField("To");
    final BigDecimalField startOdometerKm = new BigDecimalField("Odometer at start (km)");
    final BigDecimalField endOdometerKm = new BigDecimalField("Odometer at end (km)");
    final TextField currency = new TextField("Currency");
    final TextArea notes = new TextArea("Notes");
    final Paragraph estimate = new Paragraph();
    private final TripLogService trips;

    TripForm(TripLogService trips, VehicleService vehicles, DriverService drivers, SerializableConsumer<TripLog> afterSave) {
        super("Trip", TripLog.class, trip -> trip.isNew() ? trips.create(trip) : trips.update(trip), afterSave);
        this.trips = trips;
        category.setLabel("Category");
        category.setItems(TripCategory.values());
        category.setItemLabelGenerator(TripCategory::label);
        currency.setMaxLength(3);
        currency.setHelperText("ISO code, e.g. GBP");
        estimate.addClassName("trip-estimate");
        estimate.getElement().setAttribute("aria-live", "polite");

        // Pickers fetch a page at a time as the user types or scrolls, rather than the whole fleet with every form.
        vehicle.setItems((CallbackDataProvider.FetchCallback<Vehicle, String>) q -> vehicles.list(new VehicleFilter(q.getFilter().orElse(null), null, java.util.Set.of(), null),
                OffsetPage.of(q, Sort.by("registration"))).stream());
        vehicle.setItemLabelGenerator(Vehicle::displayName);
        if (CurrentUser.roles().equals(java.util.Set.of(Role.DRIVER))) {
            driver.setItems(drivers.mine().map(List::of).orElse(List.of()));
        } else {
            driver.setItems((CallbackDataProvider.FetchCallback<Driver, String>) q -> drivers.list(new DriverFilter(q.getFilter().orElse(null), null, null),
                    OffsetPage.of(q, Sort.by("lastName", "firstName"))).stream());
        }
        driver.setItemLabelGenerator(Driver::fullName);

        binder.forField(vehicle).asRequired("Choose the vehicle")
                .bind(t -> t.getVehicleId() == null ? null : vehicles.find(t.getVehicleId()).orElse(null),
                        (t, v) -> t.setVehicleId(v == null ? null : v.getId()));
        binder.forField(driver).asRequired("Choose the driver")
                .bind(t -> t.getDriverId() == null ? null : drivers.find(t.getDriverId()).orElse(null),
                        (t, d) -> t.setDriverId(d == null ? null : d.getId()));
        binder.forField(startedAt).asRequired("Enter when the trip started")
                .bind(t -> toLocal(t.getStartedAt()), (t, v) -> t.setStartedAt(toInstant(v)));
        binder.forField(endedAt).asRequired("Enter when the trip ended")
                .withValidator((value, ctx) -> value == null || startedAt.getValue() == null || !value.isBefore(startedAt.getValue())
                        ? ValidationResult.ok() : ValidationResult.error("The trip cannot end before it started"))
                .bind(t -> toLocal(t.getEndedAt()), (t, v) -> t.setEndedAt(toInstant(v)));
        var endOdometer = binder.forField(endOdometerKm).asRequired("Enter the odometer reading at the end")
                .withValidator((value, ctx) -> value == null || startOdometerKm.getValue() == null || value.compareTo(startOdometerKm.getValue()) >= 0
                        ? ValidationResult.ok() : ValidationResult.error("The odometer cannot go backwards: the end reading is below the start"))
                .bind("endOdometerKm");
        binder.bindInstanceFields(this);
        // Only the end reading depends on the start: re-check it, not the fields the user has not reached yet.
        startOdometerKm.addValueChangeListener(e -> {
            if (!endOdometerKm.isEmpty()) {
                endOdometer.validate();
            }
        });
        vehicle.addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient() && startOdometerKm.isEmpty()) {
                startOdometerKm.setValue(e.getValue().getOdometerKm());
            }
            refreshEstimate();
        });
        endOdometerKm.addValueChangeListener(e -> refreshEstimate());
        endedAt.addValueChangeListener(e -> refreshEstimate());

        form.add(vehicle, driver, purpose, category, startedAt, endedAt, startPlace, endPlace, startOdometerKm, endOdometerKm,
                currency, notes, estimate);
        form.setColspan(notes, 2);
        form.setColspan(estimate, 2);
    }

    @Override
    public void edit(TripLog trip) {
        setHeaderTitle(trip.isNew() ? "Log a trip" : "Edit trip");
        super.edit(trip);
        refreshEstimate();
    }

    /** Shows the likely cost from similar past trips once vehicle, distance and times are known. */
    private void refreshEstimate() {
        Vehicle v = vehicle.getValue();
        BigDecimal start = startOdometerKm.getValue();
        BigDecimal end = endOdometerKm.getValue();
        LocalDateTime from = startedAt.getValue();
        LocalDateTime to = endedAt.getValue();
        if (v == null || start == null || end == null || from == null || to == null || end.compareTo(start) <= 0 || !to.isAfter(from)) {
            estimate.setText("Cost estimate: enter vehicle, times and odometer readings.");
            return;
        }
        CostEstimate e = trips.estimate(v.getType(), end.subtract(start), Duration.between(from, to),
                currency.isEmpty() ? "GBP" : currency.getValue().toUpperCase());
        estimate.setText(e.available()
                ? "Cost estimate: " + e.currency() + " " + e.low() + " to " + e.high() + " (typically " + e.typical() + "), from "
                + e.similarTrips() + " " + e.basis() + "."
                : "Cost estimate: not enough similar past trips yet.");
    }

    static LocalDateTime toLocal(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZONE);
    }

    static Instant toInstant(LocalDateTime local) {
        return local == null ? null : local.atZone(ZONE).toInstant();
    }
}
