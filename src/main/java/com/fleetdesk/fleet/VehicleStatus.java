package com.fleetdesk.fleet;

public enum VehicleStatus {
    ACTIVE("Active"), IN_MAINTENANCE("In maintenance"), OUT_OF_SERVICE("Out of service"), RETIRED("Retired");

    private final String label;

    VehicleStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
