package com.fleetdesk.telematics;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.FleetAccess;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Alerts, alert rules and geofences of the depots the caller works for. */
@Service
public class AlertService {

    private final VehicleAlertRepository alerts;
    private final AlertRuleRepository rules;
    private final GeofenceRepository geofences;
    private final FleetAccess access;
    private final EntityValidation validation;
    private final EntityManager em;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    AlertService(VehicleAlertRepository alerts, AlertRuleRepository rules, GeofenceRepository geofences, FleetAccess access,
                 EntityValidation validation, EntityManager em, ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.rules = rules;
        this.geofences = geofences;
        this.access = access;
        this.validation = validation;
        this.em = em;
        this.events = events;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.TECHNICIAN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public List<VehicleAlert> list(AlertFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > 1000) {
            throw new InvalidInputException("Ask for at most 1000 alerts from a non-negative offset");
        }
        DepotScope scope = access.currentScope();
        var cb = em.getCriteriaBuilder();
        var q = cb.createQuery(VehicleAlert.class);
        var root = q.from(VehicleAlert.class);
        List<Predicate> where = new ArrayList<>();
        if (!scope.allDepots()) {
            where.add(scope.depotIds().isEmpty() ? cb.disjunction() : root.get("depotId").in(scope.depotIds()));
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) where.add(root.get("status").in(filter.statuses()));
        if (filter.severity() != null) where.add(cb.equal(root.get("severity"), filter.severity()));
        if (filter.depotId() != null) where.add(cb.equal(root.get("depotId"), filter.depotId()));
        if (filter.vehicleId() != null) where.add(cb.equal(root.get("vehicleId"), filter.vehicleId()));
        q.where(where.toArray(Predicate[]::new)).orderBy(cb.desc(root.get("raisedAt")), cb.desc(root.get("id")));
        return em.createQuery(q).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.TECHNICIAN})
    @Transactional
    public VehicleAlert acknowledge(long alertId, long expectedVersion) {
        VehicleAlert alert = mine(alertId, expectedVersion);
        alert.acknowledge(CurrentUser.requireUsername(), clock.instant());
        return changed(alert);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.TECHNICIAN})
    @Transactional
    public VehicleAlert resolve(long alertId, long expectedVersion, String note) {
        VehicleAlert alert = mine(alertId, expectedVersion);
        alert.resolve(CurrentUser.requireUsername(), clock.instant(), note);
        return changed(alert);
    }

    private VehicleAlert mine(long alertId, long expectedVersion) {
        VehicleAlert alert = alerts.findById(alertId).orElseThrow(() -> new InvalidInputException("This alert no longer exists"));
        access.requireDepot(alert.getDepotId(), "handle alerts");
        if (alert.getVersion() != expectedVersion) {
            throw new ChangedBySomeoneElseException("This alert");
        }
        return alert;
    }

    private VehicleAlert changed(VehicleAlert alert) {
        try {
            alerts.saveAndFlush(alert);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("This alert");
        }
        events.publishEvent(new AlertChanged(alert.getId(), alert.getVehicleId(), alert.getDepotId(), alert.getStatus()));
        return alert;
    }

    // ---- rules -------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<AlertRule> rules() {
        DepotScope scope = access.currentScope();
        return scope.allDepots() ? rules.findAllByOrderByDepotIdAscKindAsc() : rules.findByDepotIdInOrderByDepotIdAscKindAsc(scope.depotIds());
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public AlertRule saveRule(AlertRule rule) {
        validation.require(rule);
        access.requireDepot(rule.getDepotId(), "set alert rules");
        rule.requireComplete();
        if (rule.getGeofenceId() != null) {
            Geofence fence = geofences.findById(rule.getGeofenceId())
                    .orElseThrow(() -> new InvalidInputException("geofenceId", "This geofence no longer exists"));
            if (!fence.getDepotId().equals(rule.getDepotId())) {
                throw new InvalidInputException("geofenceId", "Choose a geofence of the same depot");
            }
        }
        try {
            AlertRule saved = rules.saveAndFlush(rule);
            events.publishEvent(new AlertSetupChanged(saved.getDepotId()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("This alert rule");
        }
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public void deleteRule(long ruleId) {
        rules.findById(ruleId).ifPresent(rule -> {
            access.requireDepot(rule.getDepotId(), "set alert rules");
            rules.delete(rule);
            events.publishEvent(new AlertSetupChanged(rule.getDepotId()));
        });
    }

    // ---- geofences ---------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<Geofence> geofences() {
        DepotScope scope = access.currentScope();
        return scope.allDepots() ? geofences.findAllByOrderByName() : geofences.findByDepotIdInOrderByName(scope.depotIds());
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional
    public Geofence saveGeofence(Geofence geofence) {
        validation.require(geofence);
        access.requireDepot(geofence.getDepotId(), "draw geofences");
        try {
            Geofence saved = geofences.saveAndFlush(geofence);
            events.publishEvent(new AlertSetupChanged(saved.getDepotId()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Geofence " + geofence.getName());
        }
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional
    public void deleteGeofence(long geofenceId) {
        geofences.findById(geofenceId).ifPresent(g -> {
            access.requireDepot(g.getDepotId(), "draw geofences");
            geofences.delete(g);
            events.publishEvent(new AlertSetupChanged(g.getDepotId()));
        });
    }
}
