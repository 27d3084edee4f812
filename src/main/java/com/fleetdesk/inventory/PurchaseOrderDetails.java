package com.fleetdesk.inventory;

import java.math.BigDecimal;
import java.util.List;

/** A purchase order with its lines, as the detail screen shows it. */
public record PurchaseOrderDetails(long id, long version, String number, PurchaseOrderStatus status, long supplierId, String supplierName,
                                   long locationId, String locationName, String note, String submittedBy, String approvedBy,
                                   List<Line> lines, BigDecimal total, boolean mayApprove) {

    public record Line(long id, long partId, String partNumber, String partName, Unit unit, boolean lotTracked,
                       BigDecimal quantity, BigDecimal unitPrice, BigDecimal received, BigDecimal outstanding) {
    }

    public boolean editable() {
        return status == PurchaseOrderStatus.DRAFT;
    }
}
