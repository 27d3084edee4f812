package com.fleetdesk.routing.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.routing.StopInput;
import com.fleetdesk.routing.StopPriority;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.function.SerializableConsumer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Adds or edits a stop; the service's refusal is shown on the field it concerns. */
class StopDialog extends Dialog {

    final TextField label = new TextField("Name");
    final TextField address = new TextField("Address");
    final NumberField latitude = new NumberField("Latitude");
    final NumberField longitude = new NumberField("Longitude");
    final IntegerField demand = new IntegerField("Demand (kg)");
    final TimePicker windowStart = new TimePicker("Window opens");
    final TimePicker windowEnd = new TimePicker("Window closes");
    final IntegerField service = new IntegerField("Service (minutes)");
    final ComboBox<StopPriority> priority = new ComboBox<>("Priority");
    final TextArea notes = new TextArea("Notes");
    final Button save = new Button("Save stop");
    private final Paragraph problem = new Paragraph();
    private SerializableConsumer<StopInput> onSave;

    StopDialog() {
        setModal(true);
        setCloseOnEsc(true);
        setWidth("min(48rem, 100vw)");
        label.setRequired(true);
        label.setMaxLength(120);
        address.setMaxLength(255);
        latitude.setRequired(true);
        latitude.setStep(0.00001);
        longitude.setRequired(true);
        longitude.setStep(0.00001);
        demand.setMin(0);
        demand.setRequired(true);
        service.setMin(0);
        service.setMax(600);
        windowStart.setStep(Duration.ofMinutes(15));
        windowEnd.setStep(Duration.ofMinutes(15));
        windowStart.setLocale(Locale.UK);
        windowEnd.setLocale(Locale.UK);
        windowStart.setClearButtonVisible(true);
        windowEnd.setClearButtonVisible(true);
        windowStart.setHelperText("Empty: any time");
        priority.setItems(StopPriority.values());
        priority.setItemLabelGenerator(StopPriority::label);
        priority.setRequired(true);
        notes.setMaxLength(1000);
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        FormLayout form = new FormLayout(label, address, latitude, longitude, demand, service, windowStart, windowEnd, priority, notes);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        add(problem, form);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> saveClicked());
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    void open(String title, StopInput input, SerializableConsumer<StopInput> onSave) {
        this.onSave = onSave;
        setHeaderTitle(title);
        problem.setVisible(false);
        fields().values().forEach(f -> f.setInvalid(false));
        label.setValue(input.label() == null ? "" : input.label());
        address.setValue(input.address() == null ? "" : input.address());
        latitude.setValue(Double.isNaN(input.latitude()) ? null : input.latitude());
        longitude.setValue(Double.isNaN(input.longitude()) ? null : input.longitude());
        demand.setValue(input.demandKg());
        windowStart.setValue(input.windowStart());
        windowEnd.setValue(input.windowEnd());
        service.setValue(input.serviceMinutes());
        priority.setValue(input.priority() == null ? StopPriority.NORMAL : input.priority());
        notes.setValue(input.notes() == null ? "" : input.notes());
        open();
        label.focus();
    }

    private Map<String, HasValidation> fields() {
        return Map.of("label", label, "address", address, "latitude", latitude, "longitude", longitude, "demandKg", demand,
                "serviceMinutes", service, "windowStart", windowStart, "windowEnd", windowEnd, "priority", priority, "notes", notes);
    }

    void saveClicked() {
        problem.setVisible(false);
        fields().values().forEach(f -> f.setInvalid(false));
        if (latitude.getValue() == null || longitude.getValue() == null) {
            show(latitude.getValue() == null ? "latitude" : "longitude", "Enter the position, or click the place on the map");
            return;
        }
        if (demand.getValue() == null || demand.isInvalid()) {
            show("demandKg", "Enter the demand in whole kg (0 for a pick-up or visit)");
            return;
        }
        StopInput input = new StopInput(label.getValue(), address.getValue(), latitude.getValue(), longitude.getValue(),
                demand.getValue(), windowStart.getValue(), windowEnd.getValue(), service.getValue() == null ? 0 : service.getValue(),
                priority.getValue(), notes.getValue());
        try {
            onSave.accept(input);
            close();
        } catch (InvalidInputException e) {
            show(e.field().orElse(null), e.getMessage());
        }
    }

    private void show(String field, String message) {
        HasValidation f = field == null ? null : fields().get(field);
        if (f != null) {
            f.setErrorMessage(message);
            f.setInvalid(true);
        }
        problem.setText(message);
        problem.setVisible(true);
    }

    String problemText() {
        return problem.isVisible() ? problem.getText() : "";
    }
}
