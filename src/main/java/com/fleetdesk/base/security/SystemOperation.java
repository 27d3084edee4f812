package com.fleetdesk.base.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public service method that no user calls directly — other modules, the tracker
 * ingest, schedulers and start-up code call it — so it carries no {@code @Secured} role list.
 * Whoever calls it is responsible for having checked the user's rights. {@code ServiceSecurityTest}
 * fails for a public service method that has neither.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SystemOperation {
    /** Who calls it, e.g. "tracker ingest" or "work orders (maintenance module)". */
    String value();
}
