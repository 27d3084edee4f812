package com.fleetdesk.fleet;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Works out what the signed-in user may see and change; every fleet service asks it. */
@Service
@com.fleetdesk.base.security.SystemOperation("other services, to scope their queries to the caller's depots")
public class FleetAccess {

    private final UserAccountRepository accounts;

    FleetAccess(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public DepotScope currentScope() {
        if (CurrentUser.hasRole(Role.ADMIN)) {
            return DepotScope.everything();
        }
        String username = CurrentUser.requireUsername();
        Set<Long> depots = accounts.findByUsernameIgnoreCase(username)
                .map(a -> a.getDepots().stream().map(Depot::getId).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        boolean driverOnly = CurrentUser.roles().equals(Set.of(Role.DRIVER));
        return new DepotScope(false, depots, driverOnly ? username : null);
    }

    /** Throws unless the current user may change records of {@code depotId}. */
    public void requireDepot(Long depotId, String action) {
        if (!currentScope().includes(depotId)) {
            throw new AccessDeniedException("You can only " + action + " for your own depots.");
        }
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> currentAccount() {
        return CurrentUser.username().flatMap(accounts::findByUsernameIgnoreCase);
    }
}
