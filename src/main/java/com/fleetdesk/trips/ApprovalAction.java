package com.fleetdesk.trips;

public enum ApprovalAction {
    SUBMITTED("Submitted"), APPROVED("Approved"), REJECTED("Rejected");

    private final String label;

    ApprovalAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
