package com.fleetdesk.inventory;

/** A warehouse or service centre holding stock. */
public record StockLocationInfo(long id, LocationKind kind, String name, String region, Long depotId, String managerUsername) {
}
