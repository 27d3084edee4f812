package com.fleetdesk.base.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded change. {@code changes} maps a field to its value for CREATE/DELETE, and to
 * {@code [before, after]} for UPDATE.
 */
public record AuditEntry(long id, Instant occurredAt, String username, String entityType, String entityId,
                         AuditAction action, Map<String, Object> changes) {

    /** The change as one readable line, e.g. "status: SUBMITTED → APPROVED; purpose: – → Site visit". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        changes.forEach((field, value) -> {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(field).append(": ");
            if (value instanceof java.util.List<?> pair && pair.size() == 2) {
                sb.append(show(pair.get(0))).append(" → ").append(show(pair.get(1)));
            } else {
                sb.append(show(value));
            }
        });
        return sb.toString();
    }

    private static String show(Object value) {
        return value == null ? "–" : value.toString();
    }
}
