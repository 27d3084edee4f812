package com.fleetdesk.inventory;

public enum TransferStatus {
    REQUESTED("Requested"),
    IN_TRANSIT("In transit"),
    RECEIVED("Received"),
    CANCELLED("Cancelled");

    private final String label;

    TransferStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
