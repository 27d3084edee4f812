package com.fleetdesk.inventory;

/** What screens and other modules need to know about a part. */
public record PartInfo(long id, String partNumber, String name, Unit unit, String barcode, boolean lotTracked, long categoryId) {

    public String label() {
        return partNumber + " · " + name;
    }
}
