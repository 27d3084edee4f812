package com.fleetdesk.maintenance;

/** Where a vehicle stands against one of its service schedules. */
public enum DueStatus {
    OK("OK"), DUE_SOON("Due soon"), OVERDUE("Overdue");

    private final String label;

    DueStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
