package com.fleetdesk.routing.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Clarke–Wright savings with time-window checks: a start for the local search that already
 * joins nearby stops into routes. Cheapest insertion of stops one by one (Timefold's default
 * construction) builds far worse routes on clustered instances. Merged routes are given to the
 * largest vehicles first; stops that fit no route stay unassigned for the solver to place.
 */
public final class SavingsConstruction {

    private SavingsConstruction() {
    }

    public static void apply(RouteProblem problem) {
        List<RouteVehicle> vehicles = new ArrayList<>(problem.getVehicles());
        if (vehicles.isEmpty() || problem.getVisits().isEmpty()) {
            return;
        }
        vehicles.sort(Comparator.comparingLong(RouteVehicle::getCapacity).reversed());
        RouteVehicle reference = vehicles.getFirst();
        TravelMatrix m = problem.getMatrix();
        int depot = reference.getDepotLocation();
        long capacity = reference.getCapacity();
        long start = vehicles.stream().mapToLong(RouteVehicle::getShiftStart).min().orElse(0);
        long end = vehicles.stream().mapToLong(RouteVehicle::getShiftEnd).max().orElse(Long.MAX_VALUE);

        List<RouteVisit> visits = problem.getVisits();
        int n = visits.size();
        // route id per visit, route contents, loads
        int[] routeOf = new int[n];
        List<List<Integer>> routes = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            routeOf[i] = -1;
            RouteVisit v = visits.get(i);
            if (v.getDemand() <= capacity && feasible(List.of(i), visits, m, depot, start, end)) {
                routeOf[i] = routes.size();
                routes.add(new ArrayList<>(List.of(i)));
                load[routes.size() - 1] = v.getDemand();
            }
        }
        List<long[]> savings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (routeOf[i] < 0) continue;
            int li = visits.get(i).getLocation();
            for (int j = 0; j < n; j++) {
                if (i == j || routeOf[j] < 0) continue;
                int lj = visits.get(j).getLocation();
                long s = m.distance(li, depot) + m.distance(depot, lj) - m.distance(li, lj);
                if (s >= 0) {
                    savings.add(new long[]{s, i, j});
                }
            }
        }
        savings.sort((a, b) -> Long.compare(b[0], a[0]));
        for (long[] s : savings) {
            int i = (int) s[1];
            int j = (int) s[2];
            int a = routeOf[i];
            int b = routeOf[j];
            if (a == b) continue;
            List<Integer> ra = routes.get(a);
            List<Integer> rb = routes.get(b);
            if (ra.getLast() != i || rb.getFirst() != j || load[a] + load[b] > capacity) continue;
            List<Integer> joined = new ArrayList<>(ra.size() + rb.size());
            joined.addAll(ra);
            joined.addAll(rb);
            if (!feasible(joined, visits, m, depot, start, end)) continue;
            ra.clear();
            ra.addAll(joined);
            load[a] += load[b];
            rb.clear();
            for (int k : ra) routeOf[k] = a;
        }
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < routes.size(); r++) {
            if (!routes.get(r).isEmpty()) order.add(r);
        }
        order.sort(Comparator.comparingLong((Integer r) -> load[r]).reversed());
        for (RouteVehicle v : vehicles) {
            v.getVisits().clear();
        }
        for (int k = 0; k < order.size() && k < vehicles.size(); k++) {
            for (int idx : routes.get(order.get(k))) {
                vehicles.get(k).getVisits().add(visits.get(idx));
            }
        }
    }

    private static boolean feasible(List<Integer> route, List<RouteVisit> visits, TravelMatrix m, int depot, long start, long end) {
        long t = start;
        int at = depot;
        for (int idx : route) {
            RouteVisit v = visits.get(idx);
            t = Math.max(t + m.time(at, v.getLocation()), v.getReady());
            if (t > v.getDue()) return false;
            t += v.getService();
            at = v.getLocation();
        }
        return t + m.time(at, depot) <= end;
    }
}
