package com.fleetdesk.fleet;

public enum DriverStatus {
    ACTIVE("Active"), ON_LEAVE("On leave"), INACTIVE("Inactive");

    private final String label;

    DriverStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
