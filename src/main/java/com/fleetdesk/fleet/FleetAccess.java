package com.fleetdesk.fleet;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;
import java.util.Set;

/** Works out what the signed-in user may see and change; every fleet service asks it. */
@Service
@com.fleetdesk.base.security.SystemOperation("other services, to scope their queries to the caller's depots")
public class FleetAccess {

    private final UserAccountRepository accounts;

    FleetAccess(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller's depots. Read once per web request (a screen's request asks many services, each
     * asking this); a change to the user's depots applies from their next request.
     */
    public DepotScope currentScope() {
        if (CurrentUser.hasRole(Role.ADMIN)) {
            return DepotScope.everything();
        }
        String username = CurrentUser.requireUsername();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(SCOPE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ScopeOf known
                && known.username().equals(username)) {
            return known.scope();
        }
        Set<Long> depots = Set.copyOf(accounts.findDepotIdsByUsername(username));
        boolean driverOnly = CurrentUser.roles().equals(Set.of(Role.DRIVER));
        DepotScope scope = new DepotScope(false, depots, driverOnly ? username : null);
        if (request != null) {
            request.setAttribute(SCOPE_ATTRIBUTE, new ScopeOf(username, scope), RequestAttributes.SCOPE_REQUEST);
        }
        return scope;
    }

    private static final String SCOPE_ATTRIBUTE = FleetAccess.class.getName() + ".scope";

    private record ScopeOf(String username, DepotScope scope) {
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
