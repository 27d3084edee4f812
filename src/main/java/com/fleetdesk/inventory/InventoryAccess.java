package com.fleetdesk.inventory;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.FleetAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may approve at a stock location: administrators everywhere; fleet managers at locations of
 * their depots, at locations they manage, and at locations that belong to no depot (the central
 * warehouse serves every depot).
 */
@Component
class InventoryAccess {

    private final JdbcClient jdbc;
    private final FleetAccess access;

    InventoryAccess(JdbcClient jdbc, FleetAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    boolean mayApproveAt(long locationId) {
        if (CurrentUser.hasRole(Role.ADMIN)) {
            return true;
        }
        if (!CurrentUser.hasRole(Role.FLEET_MANAGER)) {
            return false;
        }
        record Loc(Long depotId, String manager) {
        }
        Loc loc = jdbc.sql("select depot_id, manager_username from stock_location where id = ?").param(locationId)
                .query((rs, i) -> new Loc(rs.getObject(1, Long.class), rs.getString(2))).optional().orElse(null);
        if (loc == null) {
            return false;
        }
        String me = CurrentUser.requireUsername();
        return loc.depotId() == null || me.equalsIgnoreCase(loc.manager() == null ? "" : loc.manager())
                || access.currentScope().includes(loc.depotId());
    }

    void requireApproverAt(long locationId, String action) {
        if (!mayApproveAt(locationId)) {
            throw new AccessDeniedException("Only an administrator or a fleet manager of the location's depot may " + action + ".");
        }
    }
}
