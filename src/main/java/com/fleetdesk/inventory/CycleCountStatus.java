package com.fleetdesk.inventory;

public enum CycleCountStatus {
    OPEN("Counting"),
    SUBMITTED("Awaiting approval"),
    APPROVED("Approved"),
    CANCELLED("Cancelled");

    private final String label;

    CycleCountStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
