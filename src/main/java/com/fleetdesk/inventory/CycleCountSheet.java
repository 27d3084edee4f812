package com.fleetdesk.inventory;

import java.math.BigDecimal;
import java.util.List;

/** A count sheet with its lines, as the count screen shows it. */
public record CycleCountSheet(long id, String number, CycleCountStatus status, long locationId, String locationName, String categoryPath,
                              String createdBy, String submittedBy, String approvedBy, List<Line> lines, boolean mayApprove) {

    public record Line(long id, long partId, String partNumber, String partName, Unit unit, String lotNumber, String bin,
                       BigDecimal expected, BigDecimal counted, BigDecimal posted) {

        public BigDecimal variance() {
            return counted == null ? null : counted.subtract(expected);
        }
    }
}
