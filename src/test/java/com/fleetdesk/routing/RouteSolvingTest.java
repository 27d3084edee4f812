package com.fleetdesk.routing;

import ai.timefold.solver.core.api.solver.SolverFactory;
import com.fleetdesk.routing.solver.RouteProblem;
import com.fleetdesk.routing.solver.RouteSolving;
import com.fleetdesk.routing.solver.RouteVehicle;
import com.fleetdesk.routing.solver.RouteVisit;
import com.fleetdesk.routing.solver.TravelMatrix;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The solver model and configuration on instances small enough to know the answer. */
class RouteSolvingTest {

    /** Points on a line: depot at 0, then at x = 1..n (units of 1000), travel time = distance. */
    static TravelMatrix line(int... xs) {
        int n = xs.length;
        long[] d = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = Math.abs(xs[i] - xs[j]) * 1000L;
            }
        }
        return new TravelMatrix(n, d, d.clone());
    }

    static RouteProblem solve(RouteProblem problem) {
        return SolverFactory.<RouteProblem>create(RouteSolving.config(Duration.ofSeconds(2), Duration.ofMillis(500))).buildSolver().solve(problem);
    }

    static RouteVisit visit(long id, int location, long demand, long ready, long due, TravelMatrix m) {
        return new RouteVisit(id, location, demand, ready, due, 0, 3, m);
    }

    @Test
    void capacitySplitsTheStopsOverTwoVehiclesAndEveryStopIsServedOnce() {
        TravelMatrix m = line(0, 1, 2, 3, 4);
        List<RouteVehicle> vehicles = List.of(new RouteVehicle(1, 10, 0, 0, 1_000_000, 1, m), new RouteVehicle(2, 10, 0, 0, 1_000_000, 1, m));
        List<RouteVisit> visits = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            visits.add(visit(i, i, 5, 0, 1_000_000, m));
        }
        RouteProblem solved = solve(new RouteProblem(m, vehicles, visits, 0));
        assertThat(solved.getScore().hardScore()).isZero();
        assertThat(solved.getVehicles()).allSatisfy(v -> assertThat(v.totalDemand()).isLessThanOrEqualTo(10));
        assertThat(solved.getVehicles().stream().mapToInt(v -> v.getVisits().size()).sum()).isEqualTo(4);
        assertThat(solved.getVisits()).allSatisfy(v -> assertThat(v.getVehicle()).isNotNull());
        // Best: one vehicle takes 1,2 (4 km), the other 3,4 (8 km).
        assertThat(solved.totalDistance()).isEqualTo(12_000);
    }

    @Test
    void timeWindowsDecideTheOrderEvenWhenItIsLonger() {
        TravelMatrix m = line(0, 1, 2);
        // The far stop must be served first (by t=2500), the near one only after t=5000.
        RouteVehicle van = new RouteVehicle(1, 100, 0, 0, 1_000_000, 1, m);
        RouteVisit near = visit(1, 1, 1, 5000, 9000, m);
        RouteVisit far = visit(2, 2, 1, 0, 2500, m);
        RouteProblem solved = solve(new RouteProblem(m, List.of(van), List.of(near, far), 0));
        assertThat(solved.getScore().hardScore()).isZero();
        assertThat(solved.getVehicles().getFirst().getVisits()).extracting(RouteVisit::getId).containsExactly(2L, 1L);
        RouteVisit servedNear = solved.getVehicles().getFirst().getVisits().get(1);
        assertThat(servedNear.serviceStart()).as("waits for the window to open").isEqualTo(5000);
    }

    @Test
    void aStopNoVehicleCanCarryOrReachInTimeIsLeftOutInsteadOfBreakingRules() {
        TravelMatrix m = line(0, 1, 5, 2);
        RouteVehicle van = new RouteVehicle(1, 10, 0, 0, 20_000, 1, m);
        RouteVisit fine = visit(1, 1, 5, 0, 20_000, m);
        RouteVisit tooHeavy = visit(2, 3, 50, 0, 20_000, m);
        RouteVisit tooEarly = visit(3, 2, 1, 0, 1_000, m); // 5 km away, window closes after 1 km of driving
        RouteProblem solved = solve(new RouteProblem(m, List.of(van), List.of(fine, tooHeavy, tooEarly), 0));
        assertThat(solved.getScore().hardScore()).isZero();
        assertThat(solved.getScore().mediumScore()).as("two stops left out, each penalised by its priority").isEqualTo(-6);
        assertThat(fine.getVehicle()).isNull(); // the original object; the solution is a clone
        assertThat(solved.getVehicles().getFirst().getVisits()).extracting(RouteVisit::getId).containsExactly(1L);
    }

    @Test
    void higherPriorityWinsWhenNotEveryStopFits() {
        TravelMatrix m = line(0, 1, 1);
        RouteVehicle van = new RouteVehicle(1, 10, 0, 0, 1_000_000, 1, m);
        RouteVisit low = new RouteVisit(1, 1, 10, 0, 1_000_000, 0, StopPriority.LOW.weight(), m);
        RouteVisit urgent = new RouteVisit(2, 2, 10, 0, 1_000_000, 0, StopPriority.URGENT.weight(), m);
        RouteProblem solved = solve(new RouteProblem(m, List.of(van), List.of(low, urgent), 0));
        assertThat(solved.getVehicles().getFirst().getVisits()).extracting(RouteVisit::getId).containsExactly(2L);
    }

    @Test
    void solomonFeasibilityCheckCatchesLateOverloadedAndMissingCustomers() throws Exception {
        SolomonBenchmark.Instance instance = new SolomonBenchmark.Instance("T", 2, 10, List.of(
                new SolomonBenchmark.Customer(0, 0, 0, 0, 0, 100, 0),
                new SolomonBenchmark.Customer(1, 3, 4, 6, 0, 5, 1),
                new SolomonBenchmark.Customer(2, 6, 8, 6, 0, 100, 1)));
        var ok = SolomonBenchmark.check(instance, List.of(List.of(1), List.of(2)));
        assertThat(ok.feasibility()).isEqualTo("yes");
        assertThat(ok.distance()).isEqualTo(10 + 20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SolomonBenchmark.check(instance, List.of(List.of(2, 1))).feasibility()).startsWith("NO").contains("customer 1 served");
        assertThat(SolomonBenchmark.check(instance, List.of(List.of(1, 2))).feasibility()).startsWith("NO").contains("carries 12");
        assertThat(SolomonBenchmark.check(instance, List.of(List.of(1))).feasibility()).contains("customer 2 visited 0 times");
    }

    @Test
    void solomonMappingSolvesASmallInstanceFeasibly() {
        List<SolomonBenchmark.Customer> nodes = new ArrayList<>();
        nodes.add(new SolomonBenchmark.Customer(0, 50, 50, 0, 0, 1000, 0));
        for (int i = 1; i <= 12; i++) {
            nodes.add(new SolomonBenchmark.Customer(i, 50 + (i % 4) * 7, 50 + (i / 4) * 9, 10, i * 20, i * 20 + 200, 10));
        }
        SolomonBenchmark.Instance instance = new SolomonBenchmark.Instance("small", 4, 40, nodes);
        var outcome = SolomonBenchmark.solve(instance, Duration.ofSeconds(2));
        assertThat(outcome.feasibility()).isEqualTo("yes");
        assertThat(outcome.vehiclesUsed()).isBetween(3, 4);
    }
}
