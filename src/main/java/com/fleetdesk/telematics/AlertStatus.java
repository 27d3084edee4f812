package com.fleetdesk.telematics;

public enum AlertStatus {
    OPEN("Open"), ACKNOWLEDGED("Acknowledged"), RESOLVED("Resolved");

    private final String label;

    AlertStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
