package com.fleetdesk.fleet;

public enum VehicleType {
    CAR("Car"), VAN("Van"), PICKUP("Pickup"), TRUCK("Truck"), BUS("Bus"), MOTORCYCLE("Motorcycle");

    private final String label;

    VehicleType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
