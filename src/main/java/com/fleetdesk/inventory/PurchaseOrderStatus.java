package com.fleetdesk.inventory;

public enum PurchaseOrderStatus {
    DRAFT("Draft"),
    SUBMITTED("Submitted"),
    APPROVED("Approved"),
    ORDERED("Ordered"),
    PARTIALLY_RECEIVED("Partially received"),
    RECEIVED("Received"),
    CANCELLED("Cancelled");

    private final String label;

    PurchaseOrderStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still expected to bring stock in (counts as "on order" for reorder suggestions). */
    public boolean open() {
        return this == SUBMITTED || this == APPROVED || this == ORDERED || this == PARTIALLY_RECEIVED;
    }
}
