package com.fleetdesk.telematics;

public enum AlertSeverity {
    LOW("Low"), MEDIUM("Medium"), HIGH("High"), CRITICAL("Critical");

    private final String label;

    AlertSeverity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
