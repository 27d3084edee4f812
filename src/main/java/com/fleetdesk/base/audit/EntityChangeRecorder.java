package com.fleetdesk.base.audit;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.security.CurrentUser;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an audit row for every insert, update and delete of an audited JPA record (every
 * {@link AuditedEntity} and every entity marked {@link Audited}), with the changed fields' values
 * before and after. The rows are written by Hibernate just before the transaction commits, on
 * the same connection, so a change and its audit row commit or roll back together.
 */
@Component
class EntityChangeRecorder implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {

    /** Bookkeeping columns that change with every save and say nothing about the record. */
    private static final Set<String> NOT_CHANGES = Set.of("version", "updatedAt", "updatedBy", "createdAt", "createdBy");

    private final Map<SharedSessionContractImplementor, List<AuditTrail.Change>> pending = new ConcurrentHashMap<>();

    EntityChangeRecorder(EntityManagerFactory entityManagerFactory) {
        EventListenerRegistry registry = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry();
        registry.appendListeners(EventType.POST_INSERT, this);
        registry.appendListeners(EventType.POST_UPDATE, this);
        registry.appendListeners(EventType.POST_DELETE, this);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        if (audited(event.getEntity())) {
            Map<String, Object> values = new LinkedHashMap<>();
            String[] names = event.getPersister().getPropertyNames();
            for (int i = 0; i < names.length; i++) {
                Object value = plain(names[i], event.getState()[i], event.getSession());
                if (!NOT_CHANGES.contains(names[i]) && value != null) {
                    values.put(names[i], value);
                }
            }
            queue(event.getSession(), change(event.getPersister(), event.getId(), AuditAction.CREATE, values));
        }
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        if (!audited(event.getEntity())) {
            return;
        }
        String[] names = event.getPersister().getPropertyNames();
        Object[] before = event.getOldState();
        Object[] after = event.getState();
        int[] dirty = event.getDirtyProperties();
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i : dirty != null ? dirty : allIndexes(names.length)) {
            if (NOT_CHANGES.contains(names[i])) {
                continue;
            }
            Object from = before == null ? null : plain(names[i], before[i], event.getSession());
            Object to = plain(names[i], after[i], event.getSession());
            if (!java.util.Objects.equals(from, to)) {
                changes.put(names[i], java.util.Arrays.asList(from, to));
            }
        }
        if (!changes.isEmpty()) {
            queue(event.getSession(), change(event.getPersister(), event.getId(), AuditAction.UPDATE, changes));
        }
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        if (audited(event.getEntity())) {
            Map<String, Object> values = new LinkedHashMap<>();
            String[] names = event.getPersister().getPropertyNames();
            for (int i = 0; i < names.length; i++) {
                Object value = plain(names[i], event.getDeletedState()[i], event.getSession());
                if (!NOT_CHANGES.contains(names[i]) && value != null) {
                    values.put(names[i], value);
                }
            }
            queue(event.getSession(), change(event.getPersister(), event.getId(), AuditAction.DELETE, values));
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }

    private static boolean audited(Object entity) {
        return entity instanceof AuditedEntity || entity.getClass().isAnnotationPresent(Audited.class);
    }

    private static AuditTrail.Change change(EntityPersister persister, Object id, AuditAction action, Map<String, Object> values) {
        String type = persister.getMappedClass().getSimpleName();
        return new AuditTrail.Change(AuditTrail.actor(), type, id == null ? null : id.toString(), action, values);
    }

    private void queue(SharedSessionContractImplementor session, AuditTrail.Change change) {
        List<AuditTrail.Change> changes = pending.get(session);
        if (changes == null) {
            List<AuditTrail.Change> fresh = new ArrayList<>();
            pending.put(session, fresh);
            changes = fresh;
            TransactionCompletionCallbacks callbacks = session.getTransactionCompletionCallbacks();
            callbacks.registerCallback((TransactionCompletionCallbacks.BeforeCompletionCallback) s -> write(s));
            callbacks.registerCallback((TransactionCompletionCallbacks.AfterCompletionCallback) (success, s) -> pending.remove(s));
        }
        changes.add(change);
    }

    private void write(SharedSessionContractImplementor session) {
        List<AuditTrail.Change> changes = pending.remove(session);
        if (changes == null || changes.isEmpty()) {
            return;
        }
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (PreparedStatement insert = connection.prepareStatement(AuditTrail.INSERT)) {
            for (AuditTrail.Change change : changes) {
                AuditTrail.bind(insert, change);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            // Without its audit row a change must not commit.
            throw new IllegalStateException("Could not write the audit log: " + e.getMessage(), e);
        }
    }

    private static int[] allIndexes(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** A value as the log shows it: text, numbers and flags as they are, records by id, secrets and files never. */
    private static Object plain(String field, Object value, SharedSessionContractImplementor session) {
        if (value == null) {
            return null;
        }
        String lower = field.toLowerCase(Locale.ROOT);
        if (lower.contains("password") || lower.contains("secret") || lower.contains("token") || lower.contains("apikey")) {
            return "(hidden)";
        }
        if (value instanceof byte[] bytes) {
            return "(" + bytes.length + " bytes)";
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return null;
        }
        if (value.getClass().isAnnotationPresent(jakarta.persistence.Entity.class)
                || org.hibernate.Hibernate.getClass(value).isAnnotationPresent(jakarta.persistence.Entity.class)) {
            Object id = session.getFactory().getPersistenceUnitUtil().getIdentifier(value);
            return id == null ? null : "#" + id;
        }
        return value.toString();
    }
}
