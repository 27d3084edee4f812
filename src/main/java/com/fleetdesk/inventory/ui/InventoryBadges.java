package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.inventory.CycleCountStatus;
import com.fleetdesk.inventory.PurchaseOrderStatus;
import com.fleetdesk.inventory.TransferStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** Status badges (text carries the meaning) and small formatting shared by the inventory screens. */
final class InventoryBadges {

    private InventoryBadges() {
    }

    static StatusBadge order(PurchaseOrderStatus s) {
        return new StatusBadge(s.label(), tone(s));
    }

    static StatusBadge.Tone tone(PurchaseOrderStatus s) {
        return switch (s) {
            case DRAFT -> StatusBadge.Tone.NEUTRAL;
            case SUBMITTED, APPROVED, ORDERED -> StatusBadge.Tone.INFO;
            case PARTIALLY_RECEIVED -> StatusBadge.Tone.WARNING;
            case RECEIVED -> StatusBadge.Tone.SUCCESS;
            case CANCELLED -> StatusBadge.Tone.ERROR;
        };
    }

    static StatusBadge transfer(TransferStatus s) {
        return new StatusBadge(s.label(), tone(s));
    }

    static StatusBadge.Tone tone(TransferStatus s) {
        return switch (s) {
            case REQUESTED -> StatusBadge.Tone.NEUTRAL;
            case IN_TRANSIT -> StatusBadge.Tone.WARNING;
            case RECEIVED -> StatusBadge.Tone.SUCCESS;
            case CANCELLED -> StatusBadge.Tone.ERROR;
        };
    }

    static StatusBadge count(CycleCountStatus s) {
        return new StatusBadge(s.label(), tone(s));
    }

    static StatusBadge.Tone tone(CycleCountStatus s) {
        return switch (s) {
            case OPEN -> StatusBadge.Tone.NEUTRAL;
            case SUBMITTED -> StatusBadge.Tone.WARNING;
            case APPROVED -> StatusBadge.Tone.SUCCESS;
            case CANCELLED -> StatusBadge.Tone.ERROR;
        };
    }

    static String money(BigDecimal value) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.UK);
        return f.format(value == null ? BigDecimal.ZERO : value);
    }

    static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    static Div fact(String label, Component value) {
        Span name = new Span(label);
        name.addClassName("fact-label");
        Div fact = new Div(name, value);
        fact.addClassName("fact");
        return fact;
    }

    static Div fact(String label, String value) {
        return fact(label, new Span(value == null || value.isBlank() ? "—" : value));
    }
}
