package com.fleetdesk.inventory;

import java.math.BigDecimal;

/** One line of the stock grid: a part at a location. */
public record StockRow(long partId, String partNumber, String partName, Unit unit, String barcode, String category,
                       long locationId, String locationName, BigDecimal onHand, BigDecimal reserved,
                       BigDecimal reorderPoint, BigDecimal criticalPoint, String bin, BigDecimal expiredInLots) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }

    public StockStatus status() {
        return StockStatus.of(available(), reorderPoint, criticalPoint);
    }
}
