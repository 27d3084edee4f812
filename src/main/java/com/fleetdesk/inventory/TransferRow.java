package com.fleetdesk.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/** One transfer in the list. */
public record TransferRow(long id, String number, TransferStatus status, long partId, String partNumber, String partName, Unit unit,
                          long fromLocationId, String fromLocation, long toLocationId, String toLocation, BigDecimal quantity,
                          String note, Instant createdAt, String createdBy) {
}
