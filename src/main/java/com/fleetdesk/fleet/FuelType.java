package com.fleetdesk.fleet;

public enum FuelType {
    PETROL("Petrol"), DIESEL("Diesel"), HYBRID("Hybrid"), ELECTRIC("Electric"), LPG("LPG"), CNG("CNG");

    private final String label;

    FuelType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
