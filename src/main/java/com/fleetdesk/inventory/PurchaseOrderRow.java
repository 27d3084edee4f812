package com.fleetdesk.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/** One purchase order in the list. */
public record PurchaseOrderRow(long id, String number, PurchaseOrderStatus status, long supplierId, String supplierName,
                               long locationId, String locationName, int lines, BigDecimal total, Instant createdAt, String createdBy) {
}
