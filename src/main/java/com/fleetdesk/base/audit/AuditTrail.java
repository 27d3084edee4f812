package com.fleetdesk.base.audit;

import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.SystemOperation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log: read by administrators, and written for changes made with plain SQL (JPA
 * records are logged by {@link EntityChangeRecorder} on their own).
 */
@Service
public class AuditTrail {

    static final String INSERT = "insert into audit_log (username, entity_type, entity_id, action, changes) values (?, ?, ?, ?, ?::jsonb)";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> CHANGES = new TypeReference<>() {
    };

    record Change(String username, String entityType, String entityId, AuditAction action, Map<String, Object> values) {
    }

    private final JdbcClient jdbc;
    private final ZoneId zone;

    AuditTrail(JdbcClient jdbc, @Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.jdbc = jdbc;
        this.zone = ZoneId.of(zone);
    }

    /**
     * Records a change made without JPA, in the caller's transaction (so it commits or rolls back
     * with the change). For UPDATE pass {@code field → List.of(before, after)}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    @com.fleetdesk.base.security.SystemOperation("services that change state with plain SQL, in their own transaction")
    public void record(String entityType, Object entityId, AuditAction action, Map<String, ?> changes) {
        jdbc.sql(INSERT)
                .params(actor(), entityType, entityId == null ? null : entityId.toString(), action.name(), JSON.writeValueAsString(changes))
                .update();
    }

    /**
     * Runs {@code change} — plain SQL that inserts, updates or deletes the row of {@code table}
     * identified by {@code key} — and records it with every changed column's value before and after.
     * The row is read before and after the change in the caller's transaction; bookkeeping
     * columns (version, created/updated at/by) are left out.
     */
    @SystemOperation("services that change state with plain SQL, in their own transaction")
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> T recordRowChange(String entityType, String table, Map<String, ?> key, java.util.function.Supplier<T> change) {
        Map<String, Object> before = row(table, key);
        T result = change.get();
        Map<String, Object> after = row(table, key);
        if (before == null && after == null) {
            return result;
        }
        AuditAction action = before == null ? AuditAction.CREATE : after == null ? AuditAction.DELETE : AuditAction.UPDATE;
        Map<String, Object> changes = new LinkedHashMap<>();
        if (action == AuditAction.UPDATE) {
            after.forEach((column, value) -> {
                if (!BOOKKEEPING.contains(column) && !java.util.Objects.equals(before.get(column), value)) {
                    changes.put(column, java.util.Arrays.asList(before.get(column), value));
                }
            });
            if (changes.isEmpty()) {
                return result;
            }
        } else {
            (after != null ? after : before).forEach((column, value) -> {
                if (!BOOKKEEPING.contains(column) && value != null) {
                    changes.put(column, value);
                }
            });
        }
        String id = key.size() == 1 ? String.valueOf(key.values().iterator().next()) : key.toString();
        record(entityType, id, action, changes);
        return result;
    }

    /** Records a row that plain SQL has just inserted, with its values. */
    @SystemOperation("services that change state with plain SQL, in their own transaction")
    @Transactional(propagation = Propagation.MANDATORY)
    public long recordCreated(String entityType, String table, long id) {
        Map<String, Object> row = row(table, Map.of("id", id));
        if (row != null) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.forEach((column, value) -> {
                if (!BOOKKEEPING.contains(column) && value != null) {
                    values.put(column, value);
                }
            });
            record(entityType, id, AuditAction.CREATE, values);
        }
        return id;
    }

    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("id", "version", "created_at", "created_by", "updated_at", "updated_by");
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");

    private Map<String, Object> row(String table, Map<String, ?> key) {
        if (!IDENTIFIER.matcher(table).matches() || key.isEmpty() || !key.keySet().stream().allMatch(c -> IDENTIFIER.matcher(c).matches())) {
            throw new IllegalArgumentException("not a table or column name: " + table + " " + key.keySet());
        }
        String where = String.join(" and ", key.keySet().stream().map(c -> "t." + c + " = ?").toList());
        return jdbc.sql("select to_jsonb(t)::text from " + table + " t where " + where)
                .params(new ArrayList<>(key.values()))
                .query(String.class).optional()
                .map(json -> (Map<String, Object>) JSON.readValue(json, CHANGES))
                .orElse(null);
    }

    @Secured(Authority.ADMIN)
    @Transactional(readOnly = true)
    public List<AuditEntry> page(AuditFilter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select id, occurred_at, username, entity_type, entity_id, action, changes::text from audit_log"
                        + where + " order by occurred_at desc, id desc limit ? offset ?")
                .params(params)
                .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), AuditAction.valueOf(rs.getString(6)), JSON.readValue(rs.getString(7), CHANGES)))
                .list();
    }

    @Secured(Authority.ADMIN)
    @Transactional(readOnly = true)
    public long count(AuditFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.sql("select count(*) from audit_log" + where).params(params).query(Long.class).single();
    }

    /** The kinds of records that have entries, for the filter. */
    @Secured(Authority.ADMIN)
    @Transactional(readOnly = true)
    public List<String> entityTypes() {
        return jdbc.sql("select distinct entity_type from audit_log order by 1").query(String.class).list();
    }

    private String where(AuditFilter f, List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (f.entityType() != null) {
            terms.add("entity_type = ?");
            params.add(f.entityType());
        }
        if (f.entityId() != null && !f.entityId().isBlank()) {
            terms.add("entity_id = ?");
            params.add(f.entityId().strip());
        }
        if (f.username() != null && !f.username().isBlank()) {
            terms.add("lower(username) = lower(?)");
            params.add(f.username().strip());
        }
        if (f.action() != null) {
            terms.add("action = ?");
            params.add(f.action().name());
        }
        if (f.from() != null) {
            terms.add("occurred_at >= ?");
            params.add(Timestamp.from(f.from().atStartOfDay(zone).toInstant()));
        }
        if (f.to() != null) {
            terms.add("occurred_at < ?");
            params.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
    }

    /** Who to name in the log: the signed-in user, or "system" for scheduled and start-up work. */
    static String actor() {
        return CurrentUser.username().orElse("system");
    }

    static void bind(PreparedStatement insert, Change change) throws SQLException {
        insert.setString(1, change.username());
        insert.setString(2, change.entityType());
        insert.setString(3, change.entityId());
        insert.setString(4, change.action().name());
        insert.setString(5, JSON.writeValueAsString(change.values()));
    }
}
