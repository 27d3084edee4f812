package com.fleetdesk.inventory;

import java.time.Instant;

/** One count sheet in the list. */
public record CycleCountRow(long id, String number, CycleCountStatus status, String locationName, String categoryName, int lines,
                            int counted, int variances, Instant createdAt, String createdBy) {
}
