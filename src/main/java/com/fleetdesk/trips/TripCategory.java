package com.fleetdesk.trips;

public enum TripCategory {
    BUSINESS("Business"), COMMUTE("Commute"), PRIVATE("Private");

    private final String label;

    TripCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
