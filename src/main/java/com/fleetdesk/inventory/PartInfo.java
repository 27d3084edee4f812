package com.fleetdesk.inventory;

/** What screens and other modules need to know about a part (the unit cost: what a work order charges for it). */
public record PartInfo(long id, String partNumber, String name, Unit unit, String barcode, boolean lotTracked, long categoryId,
                       java.math.BigDecimal unitCost) {

    public String label() {
        return partNumber + " · " + name;
    }
}
