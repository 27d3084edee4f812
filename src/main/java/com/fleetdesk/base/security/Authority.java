package com.fleetdesk.base.security;

/**
 * Spring Security authority names of the roles, for {@code @Secured} on service methods.
 * Services use {@code @Secured} rather than {@code @RolesAllowed}: with JSR-250 method security
 * on, Spring would proxy every view annotated {@code @RolesAllowed} (Vaadin's own navigation
 * check reads that annotation on views).
 */
public final class Authority {
    public static final String ADMIN = "ROLE_ADMIN";
    public static final String FLEET_MANAGER = "ROLE_FLEET_MANAGER";
    public static final String DISPATCHER = "ROLE_DISPATCHER";
    public static final String OFFICE_STAFF = "ROLE_OFFICE_STAFF";
    public static final String WAREHOUSE = "ROLE_WAREHOUSE";
    public static final String TECHNICIAN = "ROLE_TECHNICIAN";
    public static final String SUPPORT_AGENT = "ROLE_SUPPORT_AGENT";
    public static final String DRIVER = "ROLE_DRIVER";

    private Authority() {
    }
}
