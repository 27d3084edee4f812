package com.fleetdesk.maintenance;

public enum WorkOrderStatus {
    OPEN("Open"), IN_PROGRESS("In progress"), DONE("Done"), CANCELLED("Cancelled");

    private final String label;

    WorkOrderStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean finished() {
        return this == DONE || this == CANCELLED;
    }
}
