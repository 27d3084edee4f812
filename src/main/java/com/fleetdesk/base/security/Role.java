package com.fleetdesk.base.security;

/** The eight roles of Fleetdesk. Names are used in {@code @RolesAllowed} via {@link Roles}. */
public enum Role {
    ADMIN("Administrator"),
    FLEET_MANAGER("Fleet manager"),
    DISPATCHER("Dispatcher"),
    OFFICE_STAFF("Office staff"),
    WAREHOUSE("Warehouse"),
    TECHNICIAN("Technician"),
    SUPPORT_AGENT("Support agent"),
    DRIVER("Driver");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
