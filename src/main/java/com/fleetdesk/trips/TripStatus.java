package com.fleetdesk.trips;

public enum TripStatus {
    DRAFT("Draft"), SUBMITTED("Submitted"), APPROVED("Approved"), REJECTED("Rejected");

    private final String label;

    TripStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The owner may change the trip and its expenses only before approval is asked, or after a rejection. */
    public boolean editableByOwner() {
        return this == DRAFT || this == REJECTED;
    }
}
