package com.fleetdesk.fleet;

public record DriverFilter(String text, Long depotId, DriverStatus status) {

    public static DriverFilter none() {
        return new DriverFilter(null, null, null);
    }
}
