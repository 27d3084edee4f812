package com.fleetdesk.maintenance;

import com.fleetdesk.base.security.Authority;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.FleetAccess;
import com.fleetdesk.fleet.FleetDirectory;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The due/overdue list: every vehicle of the caller's depots against the schedules that apply to it. */
@Service
public class ServiceDueService {

    private final ServicePlanner planner;
    private final FleetDirectory fleet;
    private final FleetAccess access;
    private final DepotService depots;

    ServiceDueService(ServicePlanner planner, FleetDirectory fleet, FleetAccess access, DepotService depots) {
        this.planner = planner;
        this.fleet = fleet;
        this.access = access;
        this.depots = depots;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<ServiceDue> dueList(ServiceDueFilter filter) {
        DepotScope scope = access.currentScope();
        Map<Long, String> names = depots.visibleDepots().stream().collect(Collectors.toMap(Depot::getId, Depot::getName));
        String text = filter.text() == null || filter.text().isBlank() ? null : filter.text().strip().toLowerCase(Locale.ROOT);
        var vehicles = fleet.serviceFacts(null, null).stream()
                .filter(v -> scope.includes(v.depotId()))
                .filter(v -> filter.depotId() == null || filter.depotId() == v.depotId())
                .filter(v -> text == null || (v.registration() + " " + v.make() + " " + v.model()).toLowerCase(Locale.ROOT).contains(text))
                .toList();
        return planner.dueLines(vehicles, names).stream()
                .filter(d -> filter.status() == null || d.status() == filter.status())
                .toList();
    }

    /** The due lines of one vehicle the caller may see (empty otherwise). */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<ServiceDue> forVehicle(long vehicleId) {
        DepotScope scope = access.currentScope();
        var vehicle = fleet.serviceFacts(vehicleId, null).stream().filter(v -> scope.includes(v.depotId())).toList();
        Map<Long, String> names = depots.visibleDepots().stream().collect(Collectors.toMap(Depot::getId, Depot::getName));
        return planner.dueLines(vehicle, names);
    }
}
