package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Authority;
import org.springframework.security.access.annotation.Secured;
import jakarta.persistence.criteria.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Drivers are personal data: only people who plan or manage their work may list them. */
@Service
public class DriverService {

    private final DriverRepository drivers;
    private final UserAccountRepository accounts;
    private final FleetAccess access;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;

    DriverService(DriverRepository drivers, UserAccountRepository accounts, FleetAccess access,
                  EntityValidation validation, ApplicationEventPublisher events) {
        this.drivers = drivers;
        this.accounts = accounts;
        this.access = access;
        this.validation = validation;
        this.events = events;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public List<Driver> list(DriverFilter filter, Pageable page) {
        return drivers.findAll(specification(filter, access.currentScope()), page).getContent();
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public long count(DriverFilter filter) {
        return drivers.count(specification(filter, access.currentScope()));
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public Optional<Driver> find(long id) {
        DepotScope scope = access.currentScope();
        return drivers.findWithDepotById(id).filter(d -> scope.includes(d.getDepot().getId()));
    }

    /** The driver record of the signed-in user, if they are a driver. */
    @Secured(Authority.DRIVER)
    @Transactional(readOnly = true)
    public Optional<Driver> mine() {
        return access.currentAccount().flatMap(a -> drivers.findByUserAccountUsername(a.getUsername()));
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public Driver save(Driver driver) {
        validation.require(driver);
        access.requireDepot(driver.getDepot().getId(), "manage drivers");
        if (!driver.isNew()) {
            Driver stored = drivers.findById(driver.getId())
                    .orElseThrow(() -> new InvalidInputException("This driver no longer exists."));
            access.requireDepot(stored.getDepot().getId(), "manage drivers");
        }
        drivers.findByLicenceNumberIgnoreCase(driver.getLicenceNumber())
                .filter(other -> !other.getId().equals(driver.getId()))
                .ifPresent(other -> {
                    throw new InvalidInputException("licenceNumber", "Licence " + driver.getLicenceNumber() + " belongs to " + other.fullName());
                });
        if (driver.getUserAccount() != null && !driver.getUserAccount().hasRole(Role.DRIVER)) {
            throw new InvalidInputException("userAccount", "The linked user account must have the Driver role");
        }
        try {
            Driver saved = drivers.saveAndFlush(driver);
            events.publishEvent(new DriverChanged(saved.getId(), saved.getDepot().getId()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Driver " + driver.fullName());
        }
    }

    /** Driver accounts not yet linked to a driver record, for the link field in the driver form. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<UserAccount> linkableAccounts(Driver driver) {
        return accounts.findAllByOrderByUsername().stream()
                .filter(a -> a.hasRole(Role.DRIVER))
                .filter(a -> driver.getUserAccount() != null && a.getId().equals(driver.getUserAccount().getId())
                        || drivers.findByUserAccountUsername(a.getUsername()).isEmpty())
                .toList();
    }

    static Specification<Driver> specification(DriverFilter filter, DepotScope scope) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (!scope.allDepots()) {
                where.add(scope.depotIds().isEmpty() ? cb.disjunction() : root.get("depot").get("id").in(scope.depotIds()));
            }
            if (filter.depotId() != null) {
                where.add(cb.equal(root.get("depot").get("id"), filter.depotId()));
            }
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            if (filter.text() != null && !filter.text().isBlank()) {
                String like = "%" + filter.text().strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
                where.add(cb.or(
                        cb.like(cb.lower(root.get("firstName")), like, '\\'),
                        cb.like(cb.lower(root.get("lastName")), like, '\\'),
                        cb.like(cb.lower(root.get("licenceNumber")), like, '\\'),
                        cb.like(cb.lower(cb.coalesce(root.get("email"), "")), like, '\\'),
                        cb.like(cb.lower(cb.coalesce(root.get("phone"), "")), like, '\\')));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
