package com.fleetdesk.base.audit;

import java.time.LocalDate;

/** What the audit log screen asks for; null fields do not filter. */
public record AuditFilter(String entityType, String entityId, String username, AuditAction action, LocalDate from, LocalDate to) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
