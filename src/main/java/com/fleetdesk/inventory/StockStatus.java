package com.fleetdesk.inventory;

import java.math.BigDecimal;

/** Stock status from the available quantity (on hand minus reserved) and the level's points. */
public enum StockStatus {
    OK("OK"),
    LOW("Low"),
    CRITICAL("Critical"),
    OUT("Out of stock");

    private final String label;

    StockStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static StockStatus of(BigDecimal available, BigDecimal reorderPoint, BigDecimal criticalPoint) {
        if (available.signum() <= 0) {
            return OUT;
        }
        if (available.compareTo(criticalPoint) <= 0) {
            return CRITICAL;
        }
        if (available.compareTo(reorderPoint) <= 0) {
            return LOW;
        }
        return OK;
    }
}
