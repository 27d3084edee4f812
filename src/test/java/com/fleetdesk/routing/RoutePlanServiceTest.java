package com.fleetdesk.routing;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.notifications.UserNotification;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@FleetdeskTest
class RoutePlanServiceTest {

    @Autowired
    RoutePlanService routing;
    @Autowired
    VehicleService vehicles;
    @Autowired
    DepotService depots;
    @Autowired
    FleetDirectory fleet;
    @Autowired
    UserNotificationService notifications;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InterruptedSolves interruptedSolves;
    @Autowired
    RoutePlanRepository planRepository;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    static StopInput stop(String label, double dLat, double dLon, Depot depot, int kg, LocalTime from, LocalTime to) {
        return new StopInput(label, null, depot.getLatitude() + dLat, depot.getLongitude() + dLon, kg, from, to, 10, StopPriority.NORMAL, null);
    }

    /** A plan at the depot of {@code vehicleId} that uses only that vehicle. */
    RoutePlan planWithOnly(long vehicleId, String name) {
        Vehicle vehicle = vehicles.find(vehicleId).orElseThrow();
        RoutePlan plan = routing.create(vehicle.getDepot().getId(), name, LocalDate.of(2026, 12, 1));
        for (PlanVehicle pv : plan.getVehicles()) {
            if (!pv.getVehicleId().equals(vehicleId)) {
                routing.updateVehicle(plan.getId(), pv.getId(), pv.getShiftStart(), pv.getShiftEnd(), pv.getCostPerKm(), false);
            }
        }
        return plan;
    }

    void awaitSolved(long planId) {
        await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(300))
                .until(() -> routing.plan(planId).getStatus() != RoutePlanStatus.SOLVING && !routing.isSolving(planId));
        assertThat(routing.plan(planId).getStatus()).isEqualTo(RoutePlanStatus.SOLVED);
    }

    long driversVehicle() {
        long id = signedIn.as("driver", () -> vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst().getId());
        assertThat(fleet.currentDriver(id)).get().extracting(FleetDirectory.AssignedDriver::username).isEqualTo("driver");
        return id;
    }

    /** An active vehicle that carries goods. */
    long cargoVehicle() {
        return signedIn.as("admin", () -> vehicles.list(VehicleFilter.none(), PageRequest.of(0, 200)).stream()
                .filter(v -> v.getCapacityKg() != null && v.getCapacityKg() >= 100 && v.getStatus() == com.fleetdesk.fleet.VehicleStatus.ACTIVE)
                .findFirst().orElseThrow().getId());
    }

    @Test
    void dispatcherPlansSolvesAndDispatchesAndTheDriverGetsAPlannedDraftTrip() {
        long vehicleId = driversVehicle();
        signedIn.run("dispatcher", () -> {
            RoutePlan plan = planWithOnly(vehicleId, "Service test dispatch");
            assertThat(plan.getVehicles()).as("every active vehicle of the depot is offered").hasSizeGreaterThan(1);
            Depot depot = routing.depotOf(plan.getId());
            // Visits without goods: the demo driver's own vehicle may be a car that carries nothing.
            routing.addStop(plan.getId(), stop("North shop", 0.03, 0, depot, 0, null, null));
            routing.addStop(plan.getId(), stop("East shop", 0, 0.05, depot, 0, LocalTime.of(9, 0), LocalTime.of(12, 0)));
            routing.addStop(plan.getId(), stop("South shop", -0.03, 0, depot, 0, null, null));
            routing.solve(plan.getId());
            awaitSolved(plan.getId());

            PlanResult result = routing.result(plan.getId());
            assertThat(result.feasible()).isTrue();
            assertThat(result.unassigned()).isEmpty();
            assertThat(result.routes()).singleElement().satisfies(r -> {
                assertThat(r.vehicleId()).isEqualTo(vehicleId);
                assertThat(r.stops()).hasSize(3);
                assertThat(r.loadKg()).isZero();
                assertThat(r.distanceKm()).isGreaterThan(10);
                assertThat(r.co2Kg()).isPositive();
                assertThat(r.stops()).allSatisfy(s -> assertThat(s.serviceStart()).isAfterOrEqualTo(LocalTime.of(8, 0)));
            });
            assertThat(routing.plan(plan.getId()).getDistanceKm()).isPositive();

            routing.dispatch(plan.getId());
            assertThat(routing.plan(plan.getId()).getStatus()).isEqualTo(RoutePlanStatus.DISPATCHED);
            assertThatThrownBy(() -> routing.addStop(plan.getId(), stop("Late addition", 0.01, 0.01, depot, 5, null, null)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("can no longer be changed");
            assertThat(routing.plan(plan.getId()).getStops()).hasSize(3);
        });
        var trip = jdbc.sql("select status, vehicle_id, distance_km, started_at from trip_log where owner_username = 'driver' and purpose like ?")
                .param("Route 1 of plan \"Service test dispatch\"%")
                .query((rs, i) -> new Object[]{rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getTimestamp(4).toInstant()}).single();
        assertThat(trip[0]).isEqualTo("DRAFT");
        assertThat(trip[1]).isEqualTo(vehicleId);
        assertThat((BigDecimal) trip[2]).isPositive();
        assertThat(trip[3].toString()).startsWith("2026-12-01T08:00");
        assertThat(signedIn.as("driver", () -> notifications.mine(20))).extracting(UserNotification::getText)
                .anyMatch(t -> t.contains("is in your trips as a planned draft"));
    }

    @Test
    void stopsNoVehicleCanServeAreLeftOutWithTheReasonAndHandMovesShowBrokenRules() {
        long vehicleId = cargoVehicle();
        signedIn.run("admin", () -> {
            RoutePlan plan = planWithOnly(vehicleId, "Service test impossible stops");
            int capacity = plan.getVehicles().stream().filter(v -> v.getVehicleId() == vehicleId).findFirst().orElseThrow().getCapacityKg();
            Depot depot = routing.depotOf(plan.getId());
            PlanStop fine = routing.addStop(plan.getId(), stop("Fine", 0.02, 0.02, depot, 10, null, null));
            PlanStop heavy = routing.addStop(plan.getId(), stop("Heavy", 0.02, -0.02, depot, capacity + 1, null, null));
            routing.addStop(plan.getId(), stop("Dawn", -0.02, 0.02, depot, 10, LocalTime.of(6, 0), LocalTime.of(6, 30)));
            routing.solve(plan.getId());
            awaitSolved(plan.getId());

            PlanResult result = routing.result(plan.getId());
            assertThat(result.feasible()).isTrue();
            assertThat(result.routes()).singleElement().satisfies(r -> assertThat(r.stops()).extracting(PlanResult.RoutedStop::label).containsExactly("Fine"));
            assertThat(result.unassigned()).extracting(PlanResult.Unassigned::label).containsExactlyInAnyOrder("Heavy", "Dawn");
            assertThat(result.unassigned().stream().filter(u -> u.label().equals("Heavy")).findFirst().orElseThrow().reason())
                    .isEqualTo("Demand " + (capacity + 1) + " kg is more than any vehicle carries (largest " + capacity + " kg)");
            assertThat(result.unassigned().stream().filter(u -> u.label().equals("Dawn")).findFirst().orElseThrow().reason())
                    .matches(".*earliest arrival from the depot \\(08:\\d\\d\\)");

            long planVehicle = result.routes().getFirst().planVehicleId();
            PlanResult overloaded = routing.moveStop(plan.getId(), heavy.getId(), planVehicle, 1);
            assertThat(overloaded.feasible()).isFalse();
            assertThat(overloaded.breaks()).anyMatch(b -> b.startsWith("Vehicle capacity: 1 break"))
                    .anyMatch(b -> b.contains("carries " + (capacity + 11) + " kg, over its capacity of " + capacity + " kg"));
            assertThat(routing.plan(plan.getId()).getScore()).startsWith("Breaks rules");

            PlanResult off = routing.moveStop(plan.getId(), heavy.getId(), null, 1);
            assertThat(off.feasible()).isTrue();
            assertThat(off.unassigned()).anyMatch(u -> u.label().equals("Heavy") && u.reason().equals("Taken off the routes by hand"));
            assertThatThrownBy(() -> routing.moveStop(plan.getId(), fine.getId(), planVehicle, 5))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("position"))
                    .hasMessageContaining("from 1 to 1");
        });
    }

    @Test
    void badStopsAreRefusedWithFieldMessagesAndNothingValidIsLost() {
        signedIn.run("dispatcher", () -> {
            Depot depot = routing.plannableDepots().getFirst();
            RoutePlan plan = routing.create(depot.getId(), "Service test bad input", LocalDate.of(2026, 12, 2));
            routing.addStop(plan.getId(), stop("Corner shop", 0.01, 0.01, depot, 20, null, null));
            StopInput swapped = new StopInput("Swapped", null, depot.getLongitude(), depot.getLatitude(), 10, null, null, 5, StopPriority.NORMAL, null);
            assertThatThrownBy(() -> routing.addStop(plan.getId(), swapped))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("latitude"))
                    .hasMessageContaining("are latitude and longitude swapped");
            assertThatThrownBy(() -> routing.addStop(plan.getId(), stop("Backwards", 0.01, 0, depot, 5, LocalTime.of(12, 0), LocalTime.of(11, 0))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("windowEnd"));
            assertThatThrownBy(() -> routing.addStop(plan.getId(), stop("corner shop", 0.01, 0.01, depot, 99, null, null)))
                    .hasMessageContaining("already has a stop \"Corner shop\" at the same place");
            assertThatThrownBy(() -> routing.addStop(plan.getId(), stop(" ", 0.01, 0.02, depot, 5, null, null)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("label"));

            String csv = String.format(java.util.Locale.ROOT, """
                    label,latitude,longitude,demand_kg,window_start,window_end
                    Bakery,%1$.5f,%2$.5f,40,09:00,10:00
                    Corner shop,%3$.5f,%4$.5f,20,,
                    Garage,not-a-number,%2$.5f,30,,
                    Bakery,%1$.5f,%2$.5f,40,09:00,10:00
                    Far away,%2$.5f,%1$.5f,10,,
                    Florist,%5$.5f,%2$.5f,15,11:00,10:00
                    """, depot.getLatitude() + 0.02, depot.getLongitude() + 0.02, depot.getLatitude() + 0.01, depot.getLongitude() + 0.01,
                    depot.getLatitude() - 0.02);
            CsvImportReport report = routing.importCsv(plan.getId(), csv);
            assertThat(report.added()).isEqualTo(1);
            assertThat(report.errors()).hasSize(5);
            assertThat(report.errors().get(0)).startsWith("Line 3 (Corner shop)").contains("duplicates");
            assertThat(report.errors().get(1)).startsWith("Line 4 (Garage)").contains("latitude 'not-a-number' is not a number");
            assertThat(report.errors().get(2)).startsWith("Line 5 (Bakery)").contains("duplicates");
            assertThat(report.errors().get(3)).startsWith("Line 6 (Far away)").contains("swapped");
            assertThat(report.errors().get(4)).startsWith("Line 7 (Florist)").contains("must end after it opens");
            RoutePlan after = routing.plan(plan.getId());
            assertThat(after.getStops()).extracting(PlanStop::getLabel).containsExactlyInAnyOrder("Corner shop", "Bakery");
            assertThat(after.getStatus()).isEqualTo(RoutePlanStatus.DRAFT);

            assertThat(routing.importCsv(plan.getId(), "stop,lat,lon\nX,1,2").errors().getFirst()).contains("lacks the column(s)");
            assertThat(routing.plan(plan.getId()).getStops()).hasSize(2);
        });
    }

    @Test
    void aDepotWithNoVehiclesCannotBeSolvedAndThePlanStaysEditable() {
        signedIn.run("dispatcher", () -> {
            Depot depot = routing.plannableDepots().getFirst();
            RoutePlan plan = routing.create(depot.getId(), "Service test no vehicles", LocalDate.of(2026, 12, 3));
            for (PlanVehicle pv : plan.getVehicles()) {
                routing.updateVehicle(plan.getId(), pv.getId(), pv.getShiftStart(), pv.getShiftEnd(), pv.getCostPerKm(), false);
            }
            routing.addStop(plan.getId(), stop("Lonely stop", 0.01, 0.01, depot, 10, null, null));
            assertThatThrownBy(() -> routing.solve(plan.getId())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no vehicles in this plan");
            RoutePlan after = routing.plan(plan.getId());
            assertThat(after.getStatus()).isEqualTo(RoutePlanStatus.DRAFT);
            assertThat(after.getStops()).hasSize(1);
            assertThat(routing.result(plan.getId()).unassigned()).singleElement()
                    .satisfies(u -> assertThat(u.reason()).isEqualTo("The plan has no vehicles"));
            PlanVehicle any = after.getVehicles().getFirst();
            assertThatThrownBy(() -> routing.updateVehicle(plan.getId(), any.getId(), LocalTime.of(17, 0), LocalTime.of(8, 0), BigDecimal.ONE, true))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("shiftEnd"));
            routing.cancel(plan.getId());
            assertThat(routing.plan(plan.getId()).getStatus()).isEqualTo(RoutePlanStatus.CANCELLED);
        });
    }

    @Test
    void onePlanAtATimePerDepotIsSolvedAndStopKeepsTheBestSoFar() {
        long vehicleId = cargoVehicle();
        signedIn.run("admin", () -> {
            RoutePlan first = planWithOnly(vehicleId, "Service test first");
            RoutePlan second = planWithOnly(vehicleId, "Service test second");
            Depot depot = routing.depotOf(first.getId());
            for (int i = 0; i < 12; i++) {
                routing.addStop(first.getId(), stop("First " + i, 0.01 * (i % 4), 0.01 * (i / 4), depot, 5, null, null));
            }
            routing.addStop(second.getId(), stop("Second", 0.01, 0.01, depot, 5, null, null));
            routing.solve(first.getId());
            assertThatThrownBy(() -> routing.solve(second.getId())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Another plan of this depot is being solved");
            assertThat(routing.plan(second.getId()).getStatus()).isEqualTo(RoutePlanStatus.DRAFT);
            routing.stopSolving(first.getId());
            awaitSolved(first.getId());
            assertThat(routing.result(first.getId()).routedStops()).as("the best routes found before the stop").isPositive();
            assertThat(routing.plan(first.getId()).getScore()).isNotBlank();
            routing.solve(second.getId());
            awaitSolved(second.getId());
        });
    }

    @Test
    void aPlanAnotherLiveNodeIsSolvingIsLeftAloneAndFailedOnceThatNodesLeaseRunsOut() {
        long vehicleId = cargoVehicle();
        long planId = signedIn.as("admin", () -> planWithOnly(vehicleId, "Service test other node").getId());
        jdbc.sql("update route_plan set status = 'SOLVING', solving_node = 'another-node', solving_lease_until = now() + interval '1 minute' where id = ?")
                .param(planId).update();
        interruptedSolves.failInterruptedSolves(); // as at this node's start
        interruptedSolves.renewLeases();
        assertThat(signedIn.as("admin", () -> routing.plan(planId)).getStatus()).isEqualTo(RoutePlanStatus.SOLVING);

        // that node stopped and renews no more
        jdbc.sql("update route_plan set solving_lease_until = now() - interval '1 second' where id = ?").param(planId).update();
        interruptedSolves.renewLeases();
        RoutePlan plan = signedIn.as("admin", () -> routing.plan(planId));
        assertThat(plan.getStatus()).isEqualTo(RoutePlanStatus.FAILED);
        assertThat(plan.getFailureReason()).contains("stopped before it finished");
        assertThat(plan.getSolvingNode()).isNull();
    }

    @Test
    void aPlanANodeLeftSolvingBeforeItsRestartIsFailedAsSoonAsItStartsAgain() {
        long vehicleId = cargoVehicle();
        long planId = signedIn.as("admin", () -> planWithOnly(vehicleId, "Service test restart").getId());
        com.fleetdesk.base.NodeName depot7 = new com.fleetdesk.base.NodeName("depot-node-7", 0);
        try (RouteSolver beforeRestart = new RouteSolver(30, 10, 60, depot7);
             RouteSolver afterRestart = new RouteSolver(30, 10, 60, depot7);
             RouteSolver otherNode = new RouteSolver(30, 10, 60, new com.fleetdesk.base.NodeName("depot-node-8", 0))) {
            // solving on depot-node-7, its lease good for another minute, when that node is restarted
            jdbc.sql("update route_plan set status = 'SOLVING', solving_node = ?, solving_lease_until = now() + interval '1 minute' where id = ?")
                    .params(beforeRestart.node(), planId).update();

            tx.executeWithoutResult(s -> new InterruptedSolves(planRepository, otherNode, jdbc, events).failInterruptedSolves());
            assertThat(signedIn.as("admin", () -> routing.plan(planId)).getStatus()).as("another node waits for the lease").isEqualTo(RoutePlanStatus.SOLVING);

            tx.executeWithoutResult(s -> new InterruptedSolves(planRepository, afterRestart, jdbc, events).failInterruptedSolves());
            RoutePlan plan = signedIn.as("admin", () -> routing.plan(planId));
            assertThat(plan.getStatus()).as("the restarted node knows nothing solves it any more").isEqualTo(RoutePlanStatus.FAILED);
            assertThat(plan.getFailureReason()).contains("stopped before it finished");
            assertThat(afterRestart.node()).startsWith("depot-node-7/").isNotEqualTo(beforeRestart.node());
        }
    }

    @Test
    void theNodeSolvingAPlanRenewsItsLeaseAndNeverFailsItsOwnSolve() {
        long vehicleId = cargoVehicle();
        signedIn.run("admin", () -> {
            RoutePlan plan = planWithOnly(vehicleId, "Service test lease");
            Depot depot = routing.depotOf(plan.getId());
            for (int i = 0; i < 12; i++) {
                routing.addStop(plan.getId(), stop("Lease " + i, 0.01 * (i % 4), 0.01 * (i / 4), depot, 5, null, null));
            }
            routing.solve(plan.getId());
            // as if renewals had been missed (the database away for a minute): the lease is over, the solver still runs
            jdbc.sql("update route_plan set solving_lease_until = now() - interval '1 second' where id = ?").param(plan.getId()).update();
            interruptedSolves.renewLeases();
            assertThat(routing.isSolving(plan.getId())).as("still solving when checked (the solve takes at least 2 s)").isTrue();
            assertThat(routing.plan(plan.getId()).getStatus()).isEqualTo(RoutePlanStatus.SOLVING);
            assertThat(jdbc.sql("select solving_lease_until > now() + interval '30 seconds' from route_plan where id = ?").param(plan.getId())
                    .query(Boolean.class).single()).as("lease renewed").isTrue();
            routing.stopSolving(plan.getId());
            awaitSolved(plan.getId());
            assertThat(routing.plan(plan.getId()).getSolvingNode()).isNull();
        });
    }

    @Test
    void onlyAdministratorsDispatchersAndTheDepotsFleetManagersMayPlan() {
        long depotOfManager = signedIn.as("manager", () -> depots.visibleDepots().getFirst().getId());
        RoutePlan plan = signedIn.as("manager", () -> routing.create(depotOfManager, "Service test security", LocalDate.of(2026, 12, 4)));
        assertThatThrownBy(() -> signedIn.run("office", () -> routing.plans())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("driver", () -> routing.plan(plan.getId()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("manager2", () -> routing.plan(plan.getId()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("manager2", () -> routing.create(depotOfManager, "Not mine", LocalDate.of(2026, 12, 4))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(signedIn.as("manager2", () -> routing.plans())).noneMatch(p -> p.id() == plan.getId())
                .allMatch(p -> p.depotId() != depotOfManager);
        assertThat(signedIn.as("dispatcher", () -> routing.plans())).anyMatch(p -> p.id() == plan.getId());
        assertThat(signedIn.as("manager", () -> routing.plans())).anyMatch(p -> p.id() == plan.getId());
    }
}
