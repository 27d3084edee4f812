package com.fleetdesk.inventory;

import java.math.BigDecimal;

/** A supplier of a part with its lead time and price. */
public record PartSupplierInfo(long partId, long supplierId, String supplierName, int leadTimeDays, BigDecimal price) {
}
