package com.fleetdesk.base.security;

/** Compile-time role names for {@code @RolesAllowed}; they mirror {@link Role}. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String FLEET_MANAGER = "FLEET_MANAGER";
    public static final String DISPATCHER = "DISPATCHER";
    public static final String OFFICE_STAFF = "OFFICE_STAFF";
    public static final String WAREHOUSE = "WAREHOUSE";
    public static final String TECHNICIAN = "TECHNICIAN";
    public static final String SUPPORT_AGENT = "SUPPORT_AGENT";
    public static final String DRIVER = "DRIVER";

    private Roles() {
    }
}
