package com.fleetdesk.routing;

import ai.timefold.solver.core.api.solver.SolverFactory;
import com.fleetdesk.routing.solver.RouteProblem;
import com.fleetdesk.routing.solver.RouteSolving;
import com.fleetdesk.routing.solver.RouteVehicle;
import com.fleetdesk.routing.solver.RouteVisit;
import com.fleetdesk.routing.solver.TravelMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Solves the Solomon / Gehring–Homberger VRPTW instances with the route planner's own solver
 * model and configuration and reports vehicles, distance, feasibility (checked here from the
 * routes with unrounded Euclidean distances, not from the solver's score), the gap to the
 * reference distance and the time. Run with {@code src/bin/bench routing}.
 * <p>
 * Options: {@code -Dbench.solomon=DIR} (default ../shared/data/solomon or /work/shared/data/solomon),
 * {@code -Dbench.instances=C101,R101} (default all), {@code -Dbench.secondsPer100=30}.
 */
public final class SolomonBenchmark {

    /** Model units per instance unit: distances and times become whole thousandths. */
    static final double SCALE = 1000.0;

    record Customer(int no, double x, double y, int demand, int ready, int due, int service) {
    }

    record Instance(String name, int fleetSize, int capacity, List<Customer> nodes) {
        Customer depot() {
            return nodes.getFirst();
        }

        double distance(int a, int b) {
            Customer p = nodes.get(a);
            Customer q = nodes.get(b);
            return Math.hypot(p.x - q.x, p.y - q.y);
        }
    }

    record Reference(int customers, double refDistance, int refVehicles) {
    }

    record Outcome(int vehiclesUsed, double distance, String feasibility) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(System.getProperty("bench.solomon", Files.isDirectory(Path.of("../shared/data/solomon"))
                ? "../shared/data/solomon" : "/work/shared/data/solomon"));
        double secondsPer100 = Double.parseDouble(System.getProperty("bench.secondsPer100", "30"));
        Map<String, Reference> references = references(dir.resolve("reference.csv"));
        List<String> names = System.getProperty("bench.instances") == null ? new ArrayList<>(references.keySet())
                : Arrays.asList(System.getProperty("bench.instances").split(","));
        System.out.printf(Locale.ROOT, "Solomon VRPTW benchmark: %.0f s per 100 customers, %d cores%n", secondsPer100,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| Instance | Customers | Vehicles (fleet) | Distance | Reference | Gap | Feasible | Time |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|---:|");
        double gapSum = 0;
        double worst = Double.NEGATIVE_INFINITY;
        int feasible = 0;
        for (String name : names) {
            Reference ref = references.get(name.toUpperCase(Locale.ROOT));
            Instance instance = read(findFile(dir, name));
            Duration limit = Duration.ofMillis(Math.round(secondsPer100 * 1000 * Math.ceil((instance.nodes.size() - 1) / 100.0)));
            long start = System.nanoTime();
            Outcome outcome = solve(instance, limit);
            double seconds = (System.nanoTime() - start) / 1e9;
            double gap = ref == null ? Double.NaN : (outcome.distance - ref.refDistance) / ref.refDistance * 100;
            gapSum += gap;
            worst = Math.max(worst, gap);
            if (outcome.feasibility.equals("yes")) {
                feasible++;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d (%d) | %.2f | %.2f | %+.2f %% | %s | %.1f s |%n", instance.name,
                    instance.nodes.size() - 1, outcome.vehiclesUsed, instance.fleetSize, outcome.distance,
                    ref == null ? Double.NaN : ref.refDistance, gap, outcome.feasibility, seconds);
        }
        System.out.printf(Locale.ROOT, "Feasible %d of %d; mean gap %+.2f %%, worst %+.2f %%%n", feasible, names.size(),
                gapSum / names.size(), worst);
    }

    static Outcome solve(Instance instance, Duration limit) {
        RouteProblem problem = toProblem(instance);
        RouteSolving.construct(problem);
        RouteProblem solved = SolverFactory.<RouteProblem>create(RouteSolving.config(limit, null)).buildSolver().solve(problem);
        List<List<Integer>> routes = new ArrayList<>();
        for (RouteVehicle v : solved.getVehicles()) {
            if (!v.getVisits().isEmpty()) {
                routes.add(v.getVisits().stream().map(visit -> visit.getLocation()).toList());
            }
        }
        return check(instance, routes);
    }

    /** Maps an instance into the product's solver model: one depot, identical vehicles, no load balancing. */
    static RouteProblem toProblem(Instance instance) {
        int n = instance.nodes.size();
        long[] distance = new long[n * n];
        long[] time = new long[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double d = instance.distance(a, b) * SCALE;
                distance[a * n + b] = Math.round(d);
                // Rounded up, so a schedule the model accepts is also on time with exact distances.
                time[a * n + b] = (long) Math.ceil(d - 1e-9);
            }
        }
        TravelMatrix matrix = new TravelMatrix(n, distance, time);
        Customer depot = instance.depot();
        List<RouteVehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < instance.fleetSize; i++) {
            vehicles.add(new RouteVehicle(i, instance.capacity, 0, scaled(depot.ready), scaled(depot.due), 1, matrix));
        }
        List<RouteVisit> visits = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            Customer c = instance.nodes.get(i);
            visits.add(new RouteVisit(c.no, i, c.demand, scaled(c.ready), scaled(c.due), scaled(c.service), 1, matrix));
        }
        return new RouteProblem(matrix, vehicles, visits, 0);
    }

    private static long scaled(int value) {
        return Math.round(value * SCALE);
    }

    /** Checks routes against the instance with exact distances; independent of the solver's score. */
    static Outcome check(Instance instance, List<List<Integer>> routes) {
        List<String> problems = new ArrayList<>();
        int n = instance.nodes.size();
        int[] seen = new int[n];
        double total = 0;
        if (routes.size() > instance.fleetSize) {
            problems.add(routes.size() + " routes for " + instance.fleetSize + " vehicles");
        }
        double epsilon = 1e-6;
        for (List<Integer> route : routes) {
            double clock = instance.depot().ready;
            int load = 0;
            int at = 0;
            for (int node : route) {
                seen[node]++;
                Customer c = instance.nodes.get(node);
                double d = instance.distance(at, node);
                total += d;
                clock = Math.max(clock + d, c.ready);
                if (clock > c.due + epsilon) {
                    problems.add("customer " + c.no + " served at " + clock + " after " + c.due);
                }
                clock += c.service;
                load += c.demand;
                at = node;
            }
            double back = instance.distance(at, 0);
            total += back;
            if (clock + back > instance.depot().due + epsilon) {
                problems.add("a route returns at " + (clock + back) + " after " + instance.depot().due);
            }
            if (load > instance.capacity) {
                problems.add("a route carries " + load + " over " + instance.capacity);
            }
        }
        for (int i = 1; i < n; i++) {
            if (seen[i] != 1) {
                problems.add("customer " + instance.nodes.get(i).no + " visited " + seen[i] + " times");
            }
        }
        String feasibility = problems.isEmpty() ? "yes" : "NO: " + problems.size() + " problems, e.g. " + problems.getFirst();
        return new Outcome(routes.size(), total, feasibility);
    }

    static Path findFile(Path dir, String name) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().equalsIgnoreCase(name + ".txt")).findFirst()
                    .orElseThrow(() -> new IOException("no instance file " + name + ".txt in " + dir));
        }
    }

    static Instance read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String name = lines.getFirst().trim();
        List<int[]> numbers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String t = line.trim();
            if (t.isEmpty() || !Character.isDigit(t.charAt(0))) {
                continue;
            }
            numbers.add(Arrays.stream(t.split("\\s+")).mapToInt(Integer::parseInt).toArray());
        }
        int[] header = numbers.getFirst();
        List<Customer> nodes = new ArrayList<>();
        for (int[] row : numbers.subList(1, numbers.size())) {
            nodes.add(new Customer(row[0], row[1], row[2], row[3], row[4], row[5], row[6]));
        }
        return new Instance(name, header[0], header[1], nodes);
    }

    static Map<String, Reference> references(Path csv) throws IOException {
        Map<String, Reference> result = new java.util.LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            result.put(f[0].trim().toUpperCase(Locale.ROOT), new Reference(Integer.parseInt(f[1].trim()),
                    Double.parseDouble(f[4].trim()), Integer.parseInt(f[5].trim())));
        }
        return result;
    }

    private SolomonBenchmark() {
    }
}
