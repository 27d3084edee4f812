package com.fleetdesk.base.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a JPA entity that does not extend {@link com.fleetdesk.base.domain.AuditedEntity} (for
 * example an alert whose lifecycle users change) into the audit log too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {
}
