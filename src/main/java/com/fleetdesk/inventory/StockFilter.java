package com.fleetdesk.inventory;

/** Filters of the stock grid; null means "any". {@code text} matches part number, name or the exact barcode. */
public record StockFilter(Long locationId, Long categoryId, StockStatus status, String text, Long partId) {

    public static StockFilter none() {
        return new StockFilter(null, null, null, null, null);
    }
}
