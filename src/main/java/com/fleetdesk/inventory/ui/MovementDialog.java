package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.util.List;

/** Records one movement through the {@link StockLedger}: receive, issue, adjust (with a reason) or transfer. */
class MovementDialog extends Dialog {

    enum Kind {
        RECEIVE("Receive"), ISSUE("Issue"), ADJUST("Adjust"), TRANSFER("Transfer");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    final RadioButtonGroup<Kind> kind = new RadioButtonGroup<>("Movement");
    final ComboBox<PartInfo> part = new ComboBox<>("Part");
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location");
    final ComboBox<StockLocationInfo> toLocation = new ComboBox<>("Transfer to");
    final BigDecimalField quantity = new BigDecimalField("Quantity");
    final TextField lotNumber = new TextField("Lot number");
    final DatePicker expiryDate = new DatePicker("Expiry date");
    final TextField reason = new TextField("Reason");
    final TextField reference = new TextField("Reference (purchase order or work order)");
    final Paragraph problem = new Paragraph();
    final Button save = new Button("Record");

    private final StockLedger ledger;
    private final StockService stock;

    MovementDialog(StockLedger ledger, StockService stock) {
        this.ledger = ledger;
        this.stock = stock;
        setHeaderTitle("Record movement");
        setModal(true);
        setCloseOnEsc(true);
        setWidth("min(48rem, 100vw)");

        boolean warehouse = CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE);
        kind.setItems(warehouse ? List.of(Kind.values()) : List.of(Kind.ISSUE));
        kind.setItemLabelGenerator(k -> k.label);
        kind.setValue(warehouse ? Kind.RECEIVE : Kind.ISSUE);
        kind.addValueChangeListener(e -> kindChanged());

        part.setItems(query -> stock.parts(query.getFilter().orElse(""), query.getOffset(), query.getLimit()).stream());
        part.setItemLabelGenerator(PartInfo::label);
        part.setRequired(true);
        part.setHelperText("Type a part number, name or barcode");
        List<StockLocationInfo> locations = stock.locations();
        location.setItems(locations);
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.setRequired(true);
        toLocation.setItems(locations);
        toLocation.setItemLabelGenerator(StockLocationInfo::name);
        quantity.setRequiredIndicatorVisible(true);
        reason.setMaxLength(500);
        reference.setMaxLength(100);
        lotNumber.setMaxLength(60);

        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        FormLayout form = new FormLayout(kind, part, location, toLocation, quantity, lotNumber, expiryDate, reason, reference);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        form.setColspan(kind, 2);
        form.setColspan(part, 2);
        add(problem, form);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> record());
        getFooter().add(new Button("Cancel", e -> close()), save);
        kindChanged();
    }

    /** Opens the dialog, for the selected stock line when there is one. */
    void open(StockRow selected) {
        problem.setVisible(false);
        for (HasValidation f : List.<HasValidation>of(part, location, toLocation, quantity, lotNumber, expiryDate, reason)) {
            f.setInvalid(false);
        }
        quantity.clear();
        reason.clear();
        reference.clear();
        lotNumber.clear();
        expiryDate.clear();
        toLocation.clear();
        if (selected != null) {
            stock.partByCode(selected.partNumber()).ifPresent(part::setValue);
            stock.locations().stream().filter(l -> l.id() == selected.locationId()).findFirst().ifPresent(location::setValue);
        }
        open();
    }

    private void kindChanged() {
        Kind k = kind.getValue();
        toLocation.setVisible(k == Kind.TRANSFER);
        expiryDate.setVisible(k == Kind.RECEIVE);
        reason.setVisible(k == Kind.ADJUST);
        reason.setRequired(k == Kind.ADJUST);
        quantity.setLabel(k == Kind.ADJUST ? "Change in stock (negative removes)" : "Quantity");
        lotNumber.setHelperText(k == Kind.ISSUE || k == Kind.TRANSFER ? "Empty: first-expiring lots first" : "For lot-tracked parts");
        location.setLabel(k == Kind.TRANSFER ? "From location" : "Location");
    }

    private void record() {
        problem.setVisible(false);
        if (part.isEmpty() || location.isEmpty() || (kind.getValue() == Kind.TRANSFER && toLocation.isEmpty())) {
            show(part.isEmpty() ? "part" : location.isEmpty() ? "location" : "toLocation", "Choose the part and the location"
                    + (kind.getValue() == Kind.TRANSFER ? "s to transfer from and to." : "."));
            return;
        }
        long p = part.getValue().id();
        long at = location.getValue().id();
        BigDecimal qty = quantity.getValue();
        try {
            switch (kind.getValue()) {
                case RECEIVE -> ledger.receive(p, at, qty, lotNumber.getValue(), expiryDate.getValue(), reference.getValue());
                case ISSUE -> ledger.issue(p, at, qty, lotNumber.getValue(), reference.getValue());
                case ADJUST -> ledger.adjust(p, at, qty, lotNumber.getValue(), reason.getValue());
                case TRANSFER -> ledger.transfer(p, at, toLocation.getValue().id(), qty, reference.getValue());
            }
            close();
            Feedback.saved(kind.getValue().label + " of " + part.getValue().partNumber() + " recorded");
        } catch (InvalidInputException e) {
            show(e.field().orElse(null), e.getMessage());
        } catch (AccessDeniedException e) {
            show(null, "You are not allowed to do this: " + e.getMessage());
        }
    }

    private void show(String field, String message) {
        HasValidation target = field == null ? null : switch (field) {
            case "quantity" -> quantity;
            case "lotNumber" -> lotNumber;
            case "expiryDate" -> expiryDate;
            case "reason" -> reason;
            case "toLocation" -> toLocation;
            case "part" -> part;
            case "location" -> location;
            default -> null;
        };
        if (target != null) {
            target.setErrorMessage(message);
            target.setInvalid(true);
        }
        problem.setText(message);
        problem.setVisible(true);
    }
}
