package com.fleetdesk.inventory;

public enum LocationKind {
    WAREHOUSE("Warehouse"),
    SERVICE_CENTRE("Service centre");

    private final String label;

    LocationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
