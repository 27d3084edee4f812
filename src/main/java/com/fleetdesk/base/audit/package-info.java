/**
 * The audit log: who changed which record, when, and its values before and after. Changes to
 * JPA records are captured automatically ({@link com.fleetdesk.base.audit.EntityChangeRecorder});
 * code that changes state with plain SQL records its change through
 * {@link com.fleetdesk.base.audit.AuditTrail#record}.
 */
package com.fleetdesk.base.audit;
