package com.fleetdesk.routing;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.FleetAccess;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.routing.solver.RouteProblem;
import com.fleetdesk.routing.solver.RouteVehicle;
import com.fleetdesk.routing.solver.RouteVisit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Route plans: who may plan (administrators, and dispatchers and fleet managers for their own
 * depots), editing stops and vehicles, solving in the background, adjusting routes by hand,
 * and dispatching them as planned trips.
 */
@Service
public class RoutePlanService {

    /** Greater distances from the depot are taken as a typing error (e.g. latitude and longitude swapped). */
    static final double MAX_KM_FROM_DEPOT = 300;

    private final RoutePlanRepository plans;
    private final DepotService depots;
    private final VehicleService vehicles;
    private final FleetAccess access;
    private final TravelTimes travel;
    private final RouteSolver solver;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, Long> lastProgress = new ConcurrentHashMap<>();

    RoutePlanService(RoutePlanRepository plans, DepotService depots, VehicleService vehicles, FleetAccess access, TravelTimes travel,
                     RouteSolver solver, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.plans = plans;
        this.depots = depots;
        this.vehicles = vehicles;
        this.access = access;
        this.travel = travel;
        this.solver = solver;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Plans of the caller's depots, newest day first. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<PlanSummary> plans() {
        DepotScope scope = access.currentScope();
        List<RoutePlan> found = scope.allDepots() ? plans.findAllNewestFirst()
                : scope.depotIds().isEmpty() ? List.of() : plans.findByDepots(scope.depotIds());
        Map<Long, String> depotNames = new HashMap<>();
        depots.visibleDepots().forEach(d -> depotNames.put(d.getId(), d.getName()));
        return found.stream().map(p -> new PlanSummary(p.getId(), p.getName(), p.getDepotId(), depotNames.getOrDefault(p.getDepotId(), ""),
                p.getPlanDate(), p.getStatus(), p.getStops().size(), (int) p.getVehicles().stream().filter(PlanVehicle::isIncluded).count(),
                p.getDistanceKm())).toList();
    }

    /** The depot's position and name, for the map. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public Depot depotOf(long planId) {
        RoutePlan plan = load(planId);
        return depots.find(plan.getDepotId()).orElseThrow(() -> new InvalidInputException("The plan's depot is not visible to you"));
    }

    /** A plan with its vehicles and stops loaded. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public RoutePlan plan(long planId) {
        RoutePlan plan = load(planId);
        plan.getVehicles().size();
        plan.getStops().forEach(s -> {
            if (s.getRouteVehicle() != null) {
                s.getRouteVehicle().getRegistration();
            }
        });
        return plan;
    }

    /** Depots the caller may plan for. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<Depot> plannableDepots() {
        return depots.visibleDepots();
    }

    /** A new draft plan with every active vehicle of the depot (default shift 08:00–17:00). */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public RoutePlan create(Long depotId, String name, LocalDate date) {
        if (depotId == null) {
            throw new InvalidInputException("depot", "Choose the depot");
        }
        access.requireDepot(depotId, "plan routes");
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "Give the plan a name, e.g. \"Monday deliveries\"");
        }
        if (name.strip().length() > 120) {
            throw new InvalidInputException("name", "At most 120 characters");
        }
        if (date == null) {
            throw new InvalidInputException("date", "Choose the day the routes are driven");
        }
        RoutePlan plan = new RoutePlan(depotId, name.strip(), date);
        List<Vehicle> fleet = vehicles.list(new VehicleFilter(null, depotId, Set.of(VehicleStatus.ACTIVE), null),
                PageRequest.of(0, 500, Sort.by("registration")));
        for (Vehicle v : fleet) {
            plan.getVehicles().add(new PlanVehicle(plan, v.getId(), v.getRegistration(), v.getType(), v.getFuelType(),
                    v.getCapacityKg() == null ? 0 : v.getCapacityKg(), v.getCapacityM3()));
        }
        RoutePlan saved = plans.save(plan);
        changed(saved);
        return saved;
    }

    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public PlanStop addStop(long planId, StopInput input) {
        RoutePlan plan = load(planId);
        GeoPoint depot = depotPoint(plan);
        validate(input, depot);
        requireNoDuplicate(plan, input, null);
        plan.edited();
        plan.clearRoutes();
        PlanStop stop = new PlanStop(plan, input);
        plan.getStops().add(stop);
        plans.flush(); // persists the new stop through the managed plan, so the caller gets its id
        changed(plan);
        return stop;
    }

    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public void updateStop(long planId, long stopId, StopInput input) {
        RoutePlan plan = load(planId);
        PlanStop stop = stop(plan, stopId);
        validate(input, depotPoint(plan));
        requireNoDuplicate(plan, input, stopId);
        plan.edited();
        plan.clearRoutes();
        stop.apply(input);
        changed(plan);
    }

    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public void removeStop(long planId, long stopId) {
        RoutePlan plan = load(planId);
        PlanStop stop = stop(plan, stopId);
        plan.edited();
        plan.clearRoutes();
        plan.getStops().remove(stop);
        changed(plan);
    }

    /** Adds every valid row; refused rows are reported with their line and reason and change nothing. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public CsvImportReport importCsv(long planId, String csv) {
        RoutePlan plan = load(planId);
        plan.requireEditable();
        GeoPoint depot = depotPoint(plan);
        CsvStops.Parsed parsed = CsvStops.parse(csv);
        List<String> errors = new ArrayList<>(parsed.errors());
        List<StopInput> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        plan.getStops().forEach(s -> seen.add(identity(s.toInput())));
        for (CsvStops.Row row : parsed.rows()) {
            try {
                validate(row.input(), depot);
            } catch (InvalidInputException e) {
                errors.add("Line " + row.line() + " (" + row.input().label() + "): " + e.getMessage());
                continue;
            }
            if (!seen.add(identity(row.input()))) {
                errors.add("Line " + row.line() + " (" + row.input().label() + "): duplicates a stop with the same name and place");
                continue;
            }
            accepted.add(row.input());
        }
        errors.sort(Comparator.comparingInt(RoutePlanService::lineOf));
        if (!accepted.isEmpty()) {
            plan.edited();
            plan.clearRoutes();
            accepted.forEach(input -> plan.getStops().add(new PlanStop(plan, input)));
            plans.flush();
            changed(plan);
        }
        return new CsvImportReport(accepted.size(), errors);
    }

    private static int lineOf(String error) {
        try {
            return Integer.parseInt(error.replaceFirst("^Line (\\d+).*$", "$1"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public void updateVehicle(long planId, long planVehicleId, LocalTime shiftStart, LocalTime shiftEnd, BigDecimal costPerKm, boolean included) {
        RoutePlan plan = load(planId);
        PlanVehicle vehicle = plan.getVehicles().stream().filter(v -> v.getId() == planVehicleId).findFirst()
                .orElseThrow(() -> new InvalidInputException("That vehicle is not part of this plan"));
        if (shiftStart == null) {
            throw new InvalidInputException("shiftStart", "Enter the shift start");
        }
        if (shiftEnd == null) {
            throw new InvalidInputException("shiftEnd", "Enter the shift end");
        }
        if (!shiftEnd.isAfter(shiftStart)) {
            throw new InvalidInputException("shiftEnd", "The shift must end after it starts");
        }
        if (costPerKm == null || costPerKm.signum() < 0 || costPerKm.compareTo(new BigDecimal("100")) > 0) {
            throw new InvalidInputException("costPerKm", "Enter a cost per km between 0 and 100");
        }
        plan.edited();
        plan.clearRoutes();
        vehicle.update(shiftStart, shiftEnd, costPerKm.setScale(2, RoundingMode.HALF_UP), included);
        changed(plan);
    }

    /**
     * Starts solving in the background. Refused while another plan of the same depot is being
     * solved; stops that no vehicle can serve are left out with the reason.
     */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    public void solve(long planId) {
        record Start(long depotId, GeoPoint depot, RouteProblem problem) {
        }
        Start start = tx.execute(status -> {
            RoutePlan plan = load(planId);
            if (plans.existsByDepotIdAndStatusAndIdNot(plan.getDepotId(), RoutePlanStatus.SOLVING, planId)) {
                throw new InvalidInputException("Another plan of this depot is being solved: wait for it to finish or stop it first.");
            }
            plan.startSolving(solver.node(), clock.instant().plus(solver.lease()));
            plan.clearRoutes();
            GeoPoint depot = depotPoint(plan);
            RouteModel model;
            try {
                model = RouteModel.of(plan, depot, travel, false);
            } catch (RoadNetworkUnavailable e) {
                plan.fail(e.getMessage());
                changed(plan);
                return null;
            }
            changed(plan);
            return new Start(plan.getDepotId(), depot, model.problem);
        });
        if (start == null) {
            return;
        }
        boolean started = solver.start(planId, start.depotId(), start.problem(),
                better -> progress(planId, start.depotId(), better),
                best -> finish(planId, start.depot(), best),
                error -> failed(planId, error));
        if (!started) {
            tx.executeWithoutResult(status -> {
                RoutePlan plan = load(planId);
                plan.fail("Another plan of this depot was being solved at the same moment; solve again when it has finished.");
                changed(plan);
            });
        }
    }

    /** Stops the solver early, on whichever node runs it; the plan keeps the best routes found so far. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    public void stopSolving(long planId) {
        tx.executeWithoutResult(status -> {
            load(planId);
            events.publishEvent(new RouteSolveStopRequested(planId));
        });
    }

    @EventListener
    void onStopRequested(RouteSolveStopRequested request) {
        if (solver.isSolving(request.planId())) {
            solver.stop(request.planId());
        }
    }

    /** Whether this node's solver is working on the plan (another node's solve shows as the plan's SOLVING status). */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    public boolean isSolving(long planId) {
        return solver.isSolving(planId);
    }

    private void progress(long planId, long depotId, RouteProblem better) {
        long now = System.nanoTime();
        Long last = lastProgress.get(planId);
        if (last != null && now - last < 400_000_000L) {
            return;
        }
        lastProgress.put(planId, now);
        int unassigned = (int) better.getVisits().stream().filter(v -> v.getVehicle() == null).count();
        events.publishEvent(new RoutePlanProgress(planId, depotId, RouteModel.describe(better), better.totalDistance() / 1000.0,
                better.getScore() != null && better.getScore().hardScore() == 0, unassigned));
    }

    private void finish(long planId, GeoPoint depot, RouteProblem best) {
        lastProgress.remove(planId);
        tx.executeWithoutResult(status -> {
            RoutePlan plan = plans.findById(planId).orElse(null);
            if (plan == null || plan.getStatus() != RoutePlanStatus.SOLVING) {
                return;
            }
            RouteModel model = RouteModel.of(plan, depot, travel, false);
            writeRoutes(model, best, null);
            plan.solved(RouteModel.describe(best), km(best.totalDistance()), clock.instant());
            changed(plan);
        });
    }

    private void failed(long planId, Throwable error) {
        lastProgress.remove(planId);
        tx.executeWithoutResult(status -> plans.findById(planId).ifPresent(plan -> {
            if (plan.getStatus() == RoutePlanStatus.SOLVING) {
                plan.fail("The solver failed: " + error.getMessage());
                changed(plan);
            }
        }));
    }

    /** Puts the solved routes on the stops: vehicle, position and the time service starts. */
    private void writeRoutes(RouteModel model, RouteProblem solved, Long movedStopId) {
        Set<Long> routed = new HashSet<>();
        for (RouteVehicle rv : solved.getVehicles()) {
            PlanVehicle pv = model.vehicleById.get(rv.getId());
            int position = 0;
            for (RouteVisit visit : rv.getVisits()) {
                PlanStop stop = model.stopById.get(visit.getId());
                stop.route(pv, ++position, RouteModel.time(visit.getArrival() == null ? null : visit.serviceStart()));
                routed.add(stop.getId());
            }
        }
        for (PlanStop stop : model.stops) {
            if (!routed.contains(stop.getId())) {
                stop.unroute(stop.getId().equals(movedStopId) ? "Taken off the routes by hand" : model.reasonLeftOut(stop));
            }
        }
    }

    /** The routes as they stand, with figures, left-out stops and any rule the routes break. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public PlanResult result(long planId) {
        RoutePlan plan = load(planId);
        RouteModel model = RouteModel.of(plan, depotPoint(plan), travel, true);
        return score(model);
    }

    private PlanResult score(RouteModel model) {
        if (model.problem.getVehicles().isEmpty()) {
            return model.result(travel.describe()); // nothing to score: every stop is simply not on a route
        }
        solver.solutions().update(model.problem);
        PlanResult result = model.result(travel.describe());
        if (model.problem.getScore().hardScore() < 0) {
            // The solver's own analysis names the broken constraints; our list says where.
            ScoreAnalysis<HardMediumSoftLongScore> analysis = solver.solutions().analyze(model.problem, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
            List<String> breaks = new ArrayList<>();
            for (ConstraintAnalysis<HardMediumSoftLongScore> c : analysis.constraintAnalyses()) {
                if (c.score().hardScore() < 0) {
                    breaks.add(c.constraintName() + ": " + c.matchCount() + (c.matchCount() == 1 ? " break" : " breaks"));
                }
            }
            breaks.addAll(result.breaks());
            result = new PlanResult(result.routes(), result.unassigned(), breaks, result.score(), result.distanceKm(), result.distanceSource());
        }
        return result;
    }

    /**
     * Moves a stop to another route (or the same one) at a 1-based position, or off the routes
     * when {@code planVehicleId} is null, and re-scores the plan. Rule breaks are allowed and shown.
     */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public PlanResult moveStop(long planId, long stopId, Long planVehicleId, int position) {
        RoutePlan plan = load(planId);
        if (plan.getStatus() != RoutePlanStatus.SOLVED) {
            throw new InvalidInputException("Routes can be changed by hand once the plan is solved and before it is dispatched.");
        }
        stop(plan, stopId);
        RouteModel model = RouteModel.of(plan, depotPoint(plan), travel, true);
        RouteVisit visit = model.visitByStop.get(stopId);
        for (RouteVehicle rv : model.problem.getVehicles()) {
            rv.getVisits().remove(visit);
        }
        if (planVehicleId != null) {
            RouteVehicle target = model.problem.getVehicles().stream().filter(rv -> rv.getId() == planVehicleId).findFirst()
                    .orElseThrow(() -> new InvalidInputException("vehicle", "That vehicle is not in this plan (or is excluded)"));
            if (position < 1 || position > target.getVisits().size() + 1) {
                throw new InvalidInputException("position", "Choose a position from 1 to " + (target.getVisits().size() + 1));
            }
            target.getVisits().add(position - 1, visit);
        }
        solver.solutions().update(model.problem);
        writeRoutes(model, model.problem, stopId);
        plan.rescored(RouteModel.describe(model.problem), km(model.problem.totalDistance()));
        changed(plan);
        return score(model);
    }

    /** Sends the routes out: each becomes a draft trip for the vehicle's driver; the plan is then read-only. */
    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public void dispatch(long planId) {
        RoutePlan plan = load(planId);
        Depot depot = depots.find(plan.getDepotId()).orElseThrow();
        RouteModel model = RouteModel.of(plan, point(depot), travel, true);
        PlanResult result = score(model);
        plan.dispatch(clock.instant());
        List<RoutesDispatched.DispatchedRoute> routes = new ArrayList<>();
        for (PlanResult.Route r : result.routes()) {
            routes.add(new RoutesDispatched.DispatchedRoute(r.vehicleId(), r.registration(), r.number(), r.stops().size(), r.distanceKm(),
                    plan.getPlanDate().atTime(r.start()).atZone(depot.zone()).toInstant(),
                    plan.getPlanDate().atTime(r.back()).atZone(depot.zone()).toInstant(),
                    r.stops().getFirst().label(), r.stops().getLast().label()));
        }
        events.publishEvent(new RoutesDispatched(plan.getId(), plan.getDepotId(), plan.getName(), plan.getPlanDate(), depot.getName(), routes));
        changed(plan);
    }

    @Secured({Authority.ADMIN, Authority.DISPATCHER, Authority.FLEET_MANAGER})
    @Transactional
    public void cancel(long planId) {
        RoutePlan plan = load(planId);
        plan.cancel();
        changed(plan);
    }

    private RoutePlan load(long planId) {
        RoutePlan plan = plans.findWithVehiclesById(planId).orElseThrow(() -> new InvalidInputException("No such route plan"));
        access.requireDepot(plan.getDepotId(), "plan routes");
        return plan;
    }

    private static PlanStop stop(RoutePlan plan, long stopId) {
        return plan.getStops().stream().filter(s -> s.getId() == stopId).findFirst()
                .orElseThrow(() -> new InvalidInputException("That stop is not part of this plan (it may have been removed)"));
    }

    private GeoPoint depotPoint(RoutePlan plan) {
        return point(depots.find(plan.getDepotId()).orElseThrow(() -> new InvalidInputException("The plan's depot is not visible to you")));
    }

    private static GeoPoint point(Depot depot) {
        return new GeoPoint(depot.getLatitude(), depot.getLongitude());
    }

    static void validate(StopInput input, GeoPoint depot) {
        if (input.label() == null || input.label().isBlank()) {
            throw new InvalidInputException("label", "Name the stop, e.g. the customer");
        }
        if (input.label().strip().length() > 120) {
            throw new InvalidInputException("label", "At most 120 characters");
        }
        if (input.address() != null && input.address().length() > 255) {
            throw new InvalidInputException("address", "At most 255 characters");
        }
        if (!Double.isFinite(input.latitude()) || input.latitude() < -90 || input.latitude() > 90) {
            throw new InvalidInputException("latitude", "Latitude must be between -90 and 90");
        }
        if (!Double.isFinite(input.longitude()) || input.longitude() < -180 || input.longitude() > 180) {
            throw new InvalidInputException("longitude", "Longitude must be between -180 and 180");
        }
        double km = GreatCircleNetwork.haversineMetres(depot, new GeoPoint(input.latitude(), input.longitude())) / 1000;
        if (km > MAX_KM_FROM_DEPOT) {
            throw new InvalidInputException("latitude", String.format(Locale.ROOT,
                    "This place is %,.0f km from the depot (at most %.0f km): are latitude and longitude swapped or mistyped?", km, MAX_KM_FROM_DEPOT));
        }
        if (input.demandKg() < 0 || input.demandKg() > 100_000) {
            throw new InvalidInputException("demandKg", "Demand must be between 0 and 100,000 kg");
        }
        if (input.serviceMinutes() < 0 || input.serviceMinutes() > 600) {
            throw new InvalidInputException("serviceMinutes", "Service time must be between 0 and 600 minutes");
        }
        if (input.windowStart() != null && input.windowEnd() != null && !input.windowEnd().isAfter(input.windowStart())) {
            throw new InvalidInputException("windowEnd", "The time window must end after it opens");
        }
        if (input.priority() == null) {
            throw new InvalidInputException("priority", "Choose a priority");
        }
        if (input.notes() != null && input.notes().length() > 1000) {
            throw new InvalidInputException("notes", "At most 1000 characters");
        }
    }

    /** Same name at (practically) the same place: about 1 m. */
    private static String identity(StopInput input) {
        return input.label().strip().toLowerCase(Locale.ROOT) + "@" + Math.round(input.latitude() * 1e5) + "," + Math.round(input.longitude() * 1e5);
    }

    private static void requireNoDuplicate(RoutePlan plan, StopInput input, Long except) {
        String id = identity(input);
        for (PlanStop s : plan.getStops()) {
            if (!s.getId().equals(except) && identity(s.toInput()).equals(id)) {
                throw new InvalidInputException("label", "This plan already has a stop \"" + s.getLabel() + "\" at the same place");
            }
        }
    }

    private static BigDecimal km(long metres) {
        return BigDecimal.valueOf(metres).movePointLeft(3).setScale(2, RoundingMode.HALF_UP);
    }

    private void changed(RoutePlan plan) {
        events.publishEvent(new RoutePlanChanged(plan.getId(), plan.getDepotId(), plan.getStatus()));
    }

}
