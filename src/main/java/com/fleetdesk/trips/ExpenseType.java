package com.fleetdesk.trips;

public enum ExpenseType {
    FUEL("Fuel"), TOLL("Toll"), PARKING("Parking"), LODGING("Lodging"), MEAL("Meal"), OTHER("Other");

    private final String label;

    ExpenseType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
