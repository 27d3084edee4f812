package com.fleetdesk.base.audit;

public enum AuditAction {
    CREATE("Created"), UPDATE("Changed"), DELETE("Deleted");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
