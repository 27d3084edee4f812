package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import org.springframework.security.access.annotation.Secured;
import jakarta.persistence.criteria.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@Service
public class VehicleService {

    private final VehicleRepository vehicles;
    private final FleetAccess access;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;

    VehicleService(VehicleRepository vehicles, FleetAccess access, EntityValidation validation, ApplicationEventPublisher events) {
        this.vehicles = vehicles;
        this.access = access;
        this.validation = validation;
        this.events = events;
    }

    /** One page of the vehicles the caller may see, filtered and sorted as asked. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Vehicle> list(VehicleFilter filter, Pageable page) {
        return vehicles.findAll(specification(filter, access.currentScope()), page).getContent();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public long count(VehicleFilter filter) {
        return vehicles.count(specification(filter, access.currentScope()));
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Vehicle> find(long id) {
        DepotScope scope = access.currentScope();
        return vehicles.findWithDepotById(id).filter(v -> visible(v, scope));
    }

    /** Creates or updates a vehicle. Fleet managers may do so only for their own depots. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public Vehicle save(Vehicle vehicle) {
        validation.require(vehicle);
        access.requireDepot(vehicle.getDepot().getId(), "manage vehicles");
        if (!vehicle.isNew()) {
            Vehicle stored = vehicles.findById(vehicle.getId())
                    .orElseThrow(() -> new InvalidInputException("This vehicle no longer exists."));
            access.requireDepot(stored.getDepot().getId(), "manage vehicles");
        }
        requireUnique(vehicle);
        try {
            Vehicle saved = vehicles.saveAndFlush(vehicle);
            events.publishEvent(new VehicleChanged(saved.getId(), saved.getDepot().getId()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Vehicle " + vehicle.getRegistration());
        }
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public Vehicle changeStatus(long vehicleId, VehicleStatus status) {
        Vehicle vehicle = vehicles.findWithDepotById(vehicleId)
                .orElseThrow(() -> new InvalidInputException("This vehicle no longer exists."));
        access.requireDepot(vehicle.getDepot().getId(), "change vehicle status");
        try {
            vehicle.changeStatus(status);
        } catch (IllegalStateException e) {
            throw new InvalidInputException("status", e.getMessage());
        }
        events.publishEvent(new VehicleChanged(vehicle.getId(), vehicle.getDepot().getId()));
        return vehicle;
    }

    private void requireUnique(Vehicle vehicle) {
        vehicles.findByRegistrationIgnoreCase(vehicle.getRegistration())
                .filter(other -> !other.getId().equals(vehicle.getId()))
                .ifPresent(other -> {
                    throw new InvalidInputException("registration", "Registration " + vehicle.getRegistration() + " is already used by another vehicle");
                });
        vehicles.findByVin(vehicle.getVin())
                .filter(other -> !other.getId().equals(vehicle.getId()))
                .ifPresent(other -> {
                    throw new InvalidInputException("vin", "VIN " + vehicle.getVin() + " is already registered to " + other.getRegistration());
                });
        if (vehicle.getTrackerDeviceId() != null) {
            vehicles.findByTrackerDeviceId(vehicle.getTrackerDeviceId())
                    .filter(other -> !other.getId().equals(vehicle.getId()))
                    .ifPresent(other -> {
                        throw new InvalidInputException("trackerDeviceId", "Tracker " + vehicle.getTrackerDeviceId() + " is already fitted to " + other.getRegistration());
                    });
        }
    }

    private static boolean visible(Vehicle v, DepotScope scope) {
        if (scope.driverOnly()) {
            return v.getCurrentDriver() != null && v.getCurrentDriver().getUserAccount() != null
                    && scope.driverUsername().equalsIgnoreCase(v.getCurrentDriver().getUserAccount().getUsername());
        }
        return scope.includes(v.getDepot().getId());
    }

    static Specification<Vehicle> specification(VehicleFilter filter, DepotScope scope) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (scope.driverOnly()) {
                where.add(cb.equal(cb.lower(root.join("currentDriver").join("userAccount").get("username")),
                        scope.driverUsername().toLowerCase(Locale.ROOT)));
            } else if (!scope.allDepots()) {
                where.add(scope.depotIds().isEmpty() ? cb.disjunction() : root.get("depot").get("id").in(scope.depotIds()));
            }
            if (filter.depotId() != null) {
                where.add(cb.equal(root.get("depot").get("id"), filter.depotId()));
            }
            if (filter.statuses() != null && !filter.statuses().isEmpty()) {
                where.add(root.get("status").in(filter.statuses()));
            }
            if (filter.type() != null) {
                where.add(cb.equal(root.get("type"), filter.type()));
            }
            if (filter.text() != null && !filter.text().isBlank()) {
                String like = "%" + filter.text().strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
                where.add(cb.or(
                        cb.like(cb.lower(root.get("registration")), like, '\\'),
                        cb.like(cb.lower(root.get("vin")), like, '\\'),
                        cb.like(cb.lower(root.get("make")), like, '\\'),
                        cb.like(cb.lower(root.get("model")), like, '\\'),
                        cb.like(cb.lower(cb.coalesce(root.get("trackerDeviceId"), "")), like, '\\')));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
