package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.FleetDirectory.StaffMember;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.maintenance.WorkOrder;
import com.fleetdesk.maintenance.WorkOrderChanged;
import com.fleetdesk.maintenance.WorkOrderPart;
import com.fleetdesk.maintenance.WorkOrderService;
import com.fleetdesk.maintenance.WorkOrderStatus;
import com.fleetdesk.maintenance.WorkOrderTask;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One work order: its state and the step the caller may take next, the technician, the task
 * checklist, parts (reserved at a stock location; a barcode scanner's Enter picks the part),
 * labour and cost. Read-only once done or cancelled, and for warehouse staff.
 */
@Route("maintenance/work-order")
@PageTitle("Work order · Fleetdesk")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.TECHNICIAN, Roles.WAREHOUSE})
public class WorkOrderView extends Main implements HasUrlParameter<Long> {

    private final WorkOrderService orders;
    private final StockService stock;
    private final FleetDirectory fleet;
    private final boolean canWork = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER, Role.TECHNICIAN);
    private final boolean canAssign = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER);

    final H1 title = new H1();
    final Div summary = new Div();
    final FlexLayout actions = new FlexLayout();
    final Button start = new Button("Start work");
    final Button complete = new Button("Mark done");
    final Button cancel = new Button("Cancel work order");
    final ComboBox<StaffMember> technician = new ComboBox<>("Technician");
    final Button assign = new Button("Assign");
    final Button takeIt = new Button("Take this work order");
    final Div tasks = new Div();
    final TextField newTask = new TextField("New task");
    final Button addTask = new Button("Add task");
    final Button allDone = new Button("Tick off all tasks");
    final Grid<WorkOrderPart> parts = new Grid<>(WorkOrderPart.class, false);
    final Paragraph typicalParts = new Paragraph();
    final TextField code = new TextField("Barcode or part number");
    final ComboBox<PartInfo> part = new ComboBox<>("Part");
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Stock location");
    final BigDecimalField quantity = new BigDecimalField("Quantity");
    final Paragraph availability = new Paragraph();
    final Button reserve = new Button("Reserve part");
    final BigDecimalField labourHours = new BigDecimalField("Labour hours");
    final BigDecimalField labourRate = new BigDecimalField("Hourly rate (£)");
    final Button saveLabour = new Button("Save labour");
    final Paragraph cost = new Paragraph();
    final TextArea notes = new TextArea("Notes");
    final Button saveNotes = new Button("Save notes");
    final Div editors = new Div();
    Button completeConfirm;
    Button cancelConfirm;
    TextArea cancelReason;
    private long orderId;
    private WorkOrder order;

    public WorkOrderView(WorkOrderService orders, StockService stock, FleetDirectory fleet, LiveEventBus live) {
        this.orders = orders;
        this.stock = stock;
        this.fleet = fleet;
        addClassNames("list-view", "work-order");
        summary.addClassName("fact-list");
        actions.addClassName("filter-bar");
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);

        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> act(() -> orders.start(orderId), "Work started; the vehicle is in maintenance"));
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        complete.addClickListener(e -> completeDialog().open());
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.addClickListener(e -> cancelDialog().open());
        technician.setItemLabelGenerator(StaffMember::fullName);
        technician.setClearButtonVisible(true);
        assign.addClickListener(e -> act(() -> orders.assign(orderId, technician.getValue() == null ? null : technician.getValue().username()),
                "Technician assigned"));
        takeIt.addClickListener(e -> act(() -> orders.assign(orderId, CurrentUser.requireUsername()), "The work order is yours"));

        newTask.setMaxLength(300);
        newTask.setWidth("24rem");
        addTask.addClickListener(e -> {
            if (act(() -> orders.addTask(orderId, newTask.getValue()), "Task added", newTask)) {
                newTask.clear();
            }
        });
        newTask.addKeyPressListener(Key.ENTER, e -> addTask.click());
        allDone.addClickListener(e -> act(() -> orders.markAllTasks(orderId, true), "All tasks ticked off"));

        parts.addColumn(WorkOrderPart::getPartNumber).setHeader("Part number").setAutoWidth(true);
        parts.addColumn(WorkOrderPart::getPartName).setHeader("Name").setFlexGrow(1);
        parts.addColumn(WorkOrderPart::getLocationName).setHeader("From").setAutoWidth(true);
        parts.addColumn(WorkOrderPart::quantityText).setHeader("Quantity").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        parts.addColumn(p -> MaintenanceBadges.money(p.getUnitCost())).setHeader("Unit cost").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        parts.addColumn(p -> MaintenanceBadges.money(p.cost())).setHeader("Cost").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        parts.addColumn(StatusBadge.renderer(p -> p.isIssued() ? "Issued" : "Reserved",
                p -> p.isIssued() ? StatusBadge.Tone.SUCCESS : StatusBadge.Tone.INFO)).setHeader("Stock").setAutoWidth(true);
        parts.addComponentColumn(this::removePartButton).setHeader("Actions").setAutoWidth(true);
        parts.setAllRowsVisible(true);
        parts.setAriaLabel("Parts");
        parts.setEmptyStateText("No parts on this work order.");

        code.setHelperText("Scan or type, then press Enter");
        code.getElement().addEventListener("keydown", e -> codeEntered(e.getEventData().get("element.value").asString()))
                .setFilter("event.key === 'Enter'")
                .addEventData("element.value");
        part.setItemLabelGenerator(PartInfo::label);
        part.setItems(query -> stock.parts(query.getFilter().orElse(""), query.getOffset(), Math.min(query.getLimit(), 100)).stream());
        part.setWidth("24rem");
        part.addValueChangeListener(e -> showAvailability());
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.addValueChangeListener(e -> showAvailability());
        quantity.setValue(BigDecimal.ONE);
        availability.getElement().setAttribute("aria-live", "polite");
        reserve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reserve.addClickListener(e -> reservePart());

        labourHours.setHelperText("For example 1.5");
        saveLabour.addClickListener(e -> act(() -> orders.recordLabour(orderId, labourHours.getValue(), labourRate.getValue()),
                "Labour saved", labourHours));

        notes.setMaxLength(2000);
        notes.setWidth("min(40rem, 100%)");
        notes.setHelperText("Findings, advice for the next service");
        saveNotes.addClickListener(e -> act(() -> orders.saveNotes(orderId, notes.getValue()), "Notes saved", notes));

        FlexLayout technicianRow = row(technician, assign, takeIt);
        FlexLayout taskRow = row(newTask, addTask, allDone);
        FlexLayout partRow = row(code, part, location, quantity, reserve);
        FlexLayout labourRow = row(labourHours, labourRate, saveLabour);
        editors.add(new H2("Add a part"), typicalParts, partRow, availability, new H2("Labour"), labourRow, new H2("Notes"), row(notes, saveNotes));

        add(new RouterLink("Back to work orders", WorkOrderListView.class), title, summary, actions, technicianRow,
                new H2("Tasks"), tasks, taskRow, new H2("Parts"), parts, editors, new H2("Cost"), cost);
        live.subscribe(this, WorkOrderChanged.class, e -> {
            if (e.workOrderId() == orderId) {
                reload();
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        orderId = parameter;
        reload();
    }

    void reload() {
        order = orders.find(orderId).orElse(null);
        summary.removeAll();
        tasks.removeAll();
        if (order == null) {
            title.setText("Work order not found");
            summary.add(new Paragraph("This work order does not exist or is not at your depots."));
            setEditable(false, false);
            parts.setItems(List.of());
            cost.setText("");
            return;
        }
        title.setText(order.getNumber() + " · " + order.getTitle());
        summary.add(fact("Status", MaintenanceBadges.workOrder(order.getStatus())),
                fact("Vehicle", new Span(order.getVehicleRegistration() + " · " + order.getVehicleName())),
                fact("Service schedule", new Span(order.getSchedule() == null ? "None (other work)"
                        : order.getSchedule().getName() + " (" + order.getSchedule().intervalText() + ")")),
                fact("Technician", new Span(order.getTechnicianUsername() == null ? "Unassigned" : order.getTechnicianUsername())),
                fact("Opened", new Span(MaintenanceBadges.WHEN.format(order.getCreatedAt()) + " by " + order.getCreatedBy())),
                fact("Started", new Span(order.getStartedAt() == null ? "Not yet" : MaintenanceBadges.WHEN.format(order.getStartedAt()))));
        if (order.getStatus() == WorkOrderStatus.DONE) {
            summary.add(fact("Done", new Span(MaintenanceBadges.date(order.getCompletedOn()) + " at " + MaintenanceBadges.km(order.getOdometerKm()))));
        }
        if (order.getStatus() == WorkOrderStatus.CANCELLED) {
            summary.add(fact("Cancelled", new Span(order.getCancelReason())));
        }
        if (order.getNotes() != null) {
            summary.add(fact("Notes", new Span(order.getNotes())));
        }
        boolean changeable = canWork && !order.getStatus().finished();
        start.setVisible(canWork && order.getStatus() == WorkOrderStatus.OPEN);
        complete.setVisible(canWork && order.getStatus() == WorkOrderStatus.IN_PROGRESS);
        cancel.setVisible(changeable);
        actions.removeAll();
        actions.add(start, complete, cancel);

        technician.setVisible(changeable && canAssign);
        assign.setVisible(changeable && canAssign);
        takeIt.setVisible(changeable && !canAssign && !CurrentUser.requireUsername().equalsIgnoreCase(
                String.valueOf(order.getTechnicianUsername())));
        if (changeable && canAssign) {
            List<StaffMember> staff = orders.technicians(orderId);
            technician.setItems(staff);
            technician.setValue(staff.stream().filter(s -> s.username().equalsIgnoreCase(String.valueOf(order.getTechnicianUsername())))
                    .findFirst().orElse(null));
        }

        for (WorkOrderTask task : order.getTasks()) {
            tasks.add(taskRow(task, changeable));
        }
        if (order.getTasks().isEmpty()) {
            tasks.add(new Paragraph("No tasks yet."));
        }
        newTask.setVisible(changeable);
        addTask.setVisible(changeable);
        allDone.setVisible(changeable && order.getTasks().stream().anyMatch(t -> !t.isDone()));

        parts.setItems(order.getParts());
        editors.setVisible(changeable);
        if (changeable) {
            if (location.getValue() == null) {
                List<StockLocationInfo> places = orders.partLocations(orderId);
                location.setItems(places);
                location.setValue(places.isEmpty() ? null : places.getFirst());
            }
            typicalParts.setText(order.getSchedule() == null || order.getSchedule().typicalPartList().isEmpty() ? ""
                    : "Typical parts for " + order.getSchedule().getName() + ": " + String.join("; ", order.getSchedule().typicalPartList()));
            labourHours.setValue(order.getLabourHours());
            labourRate.setValue(order.getLabourRate());
            notes.setValue(order.getNotes() == null ? "" : order.getNotes());
        }
        cost.setText("Labour " + order.getLabourHours().stripTrailingZeros().toPlainString() + " h × " + MaintenanceBadges.money(order.getLabourRate())
                + " = " + MaintenanceBadges.money(order.labourCost()) + "; parts " + MaintenanceBadges.money(order.partsCost())
                + "; total " + MaintenanceBadges.money(order.totalCost()) + ".");
    }

    private Component taskRow(WorkOrderTask task, boolean changeable) {
        Checkbox done = new Checkbox(task.getDescription(), task.isDone());
        done.setReadOnly(!changeable);
        done.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                act(() -> orders.markTask(orderId, task.getId(), e.getValue()), e.getValue() ? "Task ticked off" : "Task reopened");
            }
        });
        Div row = new Div(done);
        row.addClassName("task");
        if (changeable) {
            Button remove = new Button("Remove", e -> act(() -> orders.removeTask(orderId, task.getId()), "Task removed"));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel("Remove task " + task.getDescription());
            row.add(remove);
        }
        return row;
    }

    private Component removePartButton(WorkOrderPart line) {
        if (order == null || !canWork || order.getStatus().finished()) {
            return new Span("—");
        }
        Button remove = new Button("Remove", e -> act(() -> orders.removePart(orderId, line.getId()), "Part removed; its reservation released"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove " + line.getPartNumber() + " and release its reservation");
        return remove;
    }

    /** Enter in the code field: an exact barcode or part number picks the part. */
    void codeEntered(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Optional<PartInfo> found = stock.partByCode(value.strip());
        if (found.isEmpty()) {
            code.setErrorMessage("No part has the barcode or part number " + value.strip());
            code.setInvalid(true);
            return;
        }
        code.setInvalid(false);
        part.setValue(found.get());
        code.clear();
        quantity.focus();
    }

    private void showAvailability() {
        if (part.getValue() == null || location.getValue() == null) {
            availability.setText("");
            return;
        }
        availability.setText(stock.level(part.getValue().id(), location.getValue().id())
                .map(r -> r.available().stripTrailingZeros().toPlainString() + " available at " + location.getValue().name()
                        + (r.reserved().signum() > 0 ? " (" + r.reserved().stripTrailingZeros().toPlainString() + " already reserved)" : ""))
                .orElse(part.getValue().partNumber() + " is not stocked at " + location.getValue().name()));
    }

    void reservePart() {
        if (part.getValue() == null) {
            part.setErrorMessage("Choose the part (or scan its barcode)");
            part.setInvalid(true);
            return;
        }
        if (location.getValue() == null) {
            location.setErrorMessage("Choose where the part comes from");
            location.setInvalid(true);
            return;
        }
        part.setInvalid(false);
        location.setInvalid(false);
        if (act(() -> orders.addPart(orderId, part.getValue().id(), location.getValue().id(), quantity.getValue()),
                part.getValue().partNumber() + " reserved", quantity)) {
            part.clear();
            quantity.setValue(BigDecimal.ONE);
        }
    }

    private Dialog completeDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Mark " + order.getNumber() + " done");
        BigDecimalField odometer = new BigDecimalField("Odometer at the service (km)");
        odometer.setValue(BigDecimal.valueOf(fleet.odometerKm(order.getVehicleId())).setScale(0, java.math.RoundingMode.HALF_UP));
        DatePicker on = new DatePicker("Done on", LocalDate.now());
        on.setMax(LocalDate.now());
        Paragraph note = new Paragraph("Reserved parts are issued from stock; the vehicle's next service is planned from this reading and date.");
        dialog.add(new FormLayout(odometer, on), note);
        Button confirm = new Button("Mark done", e -> {
            if (act(() -> orders.complete(orderId, odometer.getValue(), on.getValue()), "Work order done; parts issued", odometer)) {
                dialog.close();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        completeConfirm = confirm;
        dialog.getFooter().add(new Button("Back", e -> dialog.close()), confirm);
        return dialog;
    }

    private Dialog cancelDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Cancel " + order.getNumber());
        TextArea reason = new TextArea("Reason");
        reason.setMaxLength(500);
        reason.setWidthFull();
        dialog.add(reason, new Paragraph("Reserved parts are released back to stock."));
        Button confirm = new Button("Cancel work order", e -> {
            if (act(() -> orders.cancel(orderId, reason.getValue()), "Work order cancelled; parts released", reason)) {
                dialog.close();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        cancelConfirm = confirm;
        cancelReason = reason;
        dialog.getFooter().add(new Button("Back", e -> dialog.close()), confirm);
        return dialog;
    }

    private void setEditable(boolean changeable, boolean assignable) {
        start.setVisible(false);
        complete.setVisible(false);
        cancel.setVisible(changeable);
        technician.setVisible(assignable);
        assign.setVisible(assignable);
        takeIt.setVisible(false);
        newTask.setVisible(changeable);
        addTask.setVisible(changeable);
        allDone.setVisible(changeable);
        editors.setVisible(changeable);
    }

    private boolean act(Supplier<?> action, String done) {
        return act(action, done, null);
    }

    /** Runs a service call; a refusal is shown on {@code field} when given (else as a message), and the order reloads. */
    private boolean act(Supplier<?> action, String done, HasValidation field) {
        if (field != null) {
            field.setInvalid(false);
        }
        try {
            action.get();
            Feedback.saved(done);
            reload();
            return true;
        } catch (InvalidInputException e) {
            if (field != null && e.field().isPresent() && !e.field().get().equals("status")) {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            } else {
                Feedback.error(e.getMessage());
            }
        } catch (AccessDeniedException | ChangedBySomeoneElseException e) {
            Feedback.error(e.getMessage());
        }
        reload();
        return false;
    }

    private static Div fact(String label, Component value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        Div fact = new Div(name, value);
        fact.addClassName("fact");
        return fact;
    }

    private static FlexLayout row(Component... components) {
        FlexLayout row = new FlexLayout(components);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.addClassNames("filter-bar");
        return row;
    }
}
