package com.fleetdesk.inventory;

import java.math.BigDecimal;

/**
 * What the forecast says about one part at one location: expected issues over the horizon (with a
 * band), what stock will be left when an order placed today would arrive, and how much to order
 * from which supplier (zero when nothing needs ordering).
 */
public record ReorderSuggestion(long partId, String partNumber, String partName, Unit unit, long locationId, String locationName,
                                BigDecimal available, BigDecimal onOrder, BigDecimal reorderPoint, BigDecimal maxLevel,
                                int horizonDays, double demandOverHorizon, double demandLow, double demandHigh,
                                int leadTimeDays, double demandOverLeadTime, double projected,
                                BigDecimal suggestedQuantity, Long supplierId, String supplierName, BigDecimal unitPrice) {

    public boolean needsOrder() {
        return suggestedQuantity.signum() > 0 && supplierId != null;
    }
}
