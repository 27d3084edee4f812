package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Authority;
import org.springframework.security.access.annotation.Secured;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

@Service
public class DepotService {

    private final DepotRepository depots;
    private final UserAccountRepository accounts;
    private final FleetAccess access;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;

    DepotService(DepotRepository depots, UserAccountRepository accounts, FleetAccess access,
                 EntityValidation validation, ApplicationEventPublisher events) {
        this.depots = depots;
        this.accounts = accounts;
        this.access = access;
        this.validation = validation;
        this.events = events;
    }

    /** The depots the caller works for (all of them for an administrator), by name. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Depot> visibleDepots() {
        DepotScope scope = access.currentScope();
        return scope.allDepots() ? depots.findAllByOrderByName() : depots.findByIdInOrderByName(scope.depotIds());
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Depot> find(long id) {
        DepotScope scope = access.currentScope();
        return depots.findById(id).filter(d -> scope.includes(d.getId()));
    }

    /** Fleet managers assigned to the depot: they approve its drivers' trips and get its alerts. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<UserAccount> managers(long depotId) {
        return accounts.findEnabledWithRoleAtDepot(Role.FLEET_MANAGER, depotId);
    }

    @Secured(Authority.ADMIN)
    @Transactional
    public Depot save(Depot depot) {
        validation.require(depot);
        depots.findByNameIgnoreCase(depot.getName())
                .filter(other -> !other.getId().equals(depot.getId()))
                .ifPresent(other -> {
                    throw new InvalidInputException("name", "A depot named " + depot.getName() + " already exists");
                });
        try {
            Depot saved = depots.saveAndFlush(depot);
            events.publishEvent(new DepotChanged(saved.getId()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Depot " + depot.getName());
        }
    }
}
