package com.fleetdesk.routing;

import com.fleetdesk.routing.solver.RouteProblem;
import com.fleetdesk.routing.solver.RouteVehicle;
import com.fleetdesk.routing.solver.RouteVisit;
import com.fleetdesk.routing.solver.TravelMatrix;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan translated into the solver's model: location 0 is the depot, then one per stop; times
 * are seconds after midnight of the plan date, distances metres. Also turns a solved model back
 * into routes and explains what breaks the rules.
 */
final class RouteModel {

    /** Soft weight of even loads against distance (distance counts metres × pence per km). */
    static final long LOAD_BALANCE_WEIGHT = 20;
    static final long DAY = 24 * 3600;

    final List<PlanVehicle> vehicles;
    final List<PlanStop> stops;
    final RoadNetwork.Matrix table;
    final RouteProblem problem;
    final Map<Long, RouteVisit> visitByStop = new HashMap<>();
    final Map<Long, PlanVehicle> vehicleById = new HashMap<>();
    final Map<Long, PlanStop> stopById = new HashMap<>();

    private RouteModel(List<PlanVehicle> vehicles, List<PlanStop> stops, RoadNetwork.Matrix table, RouteProblem problem) {
        this.vehicles = vehicles;
        this.stops = stops;
        this.table = table;
        this.problem = problem;
    }

    static List<GeoPoint> points(GeoPoint depot, List<PlanStop> stops) {
        List<GeoPoint> points = new ArrayList<>(stops.size() + 1);
        points.add(depot);
        for (PlanStop s : stops) {
            points.add(new GeoPoint(s.getLatitude(), s.getLongitude()));
        }
        return points;
    }

    /** @param withRoutes put the stops on the vehicles as the plan has them (for re-scoring), or leave all unassigned */
    static RouteModel of(RoutePlan plan, GeoPoint depot, TravelTimes travel, boolean withRoutes) {
        List<PlanVehicle> vehicles = plan.getVehicles().stream().filter(PlanVehicle::isIncluded).toList();
        List<PlanStop> stops = plan.getStops().stream().sorted(Comparator.comparing(PlanStop::getId)).toList();
        RoadNetwork.Matrix table = travel.table(points(depot, stops));
        int n = stops.size() + 1;
        long[] distance = new long[n * n];
        long[] time = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                distance[i * n + j] = table.metres()[i][j];
                time[i * n + j] = table.seconds()[i][j];
            }
        }
        TravelMatrix matrix = new TravelMatrix(n, distance, time);
        List<RouteVehicle> routeVehicles = new ArrayList<>();
        for (PlanVehicle v : vehicles) {
            long pencePerKm = Math.max(1, v.getCostPerKm().movePointRight(2).longValue());
            routeVehicles.add(new RouteVehicle(v.getId(), v.getCapacityKg(), 0, v.getShiftStart().toSecondOfDay(),
                    v.getShiftEnd().toSecondOfDay(), pencePerKm, matrix));
        }
        List<RouteVisit> visits = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            PlanStop s = stops.get(i);
            long ready = s.getWindowStart() == null ? 0 : s.getWindowStart().toSecondOfDay();
            long due = s.getWindowEnd() == null ? DAY : s.getWindowEnd().toSecondOfDay();
            visits.add(new RouteVisit(s.getId(), i + 1, s.getDemandKg(), ready, due, s.getServiceMinutes() * 60L,
                    s.getPriority().weight(), matrix));
        }
        RouteModel model = new RouteModel(vehicles, stops, table, new RouteProblem(matrix, routeVehicles, visits, LOAD_BALANCE_WEIGHT));
        for (int i = 0; i < stops.size(); i++) {
            model.visitByStop.put(stops.get(i).getId(), visits.get(i));
            model.stopById.put(stops.get(i).getId(), stops.get(i));
        }
        vehicles.forEach(v -> model.vehicleById.put(v.getId(), v));
        if (withRoutes) {
            Map<Long, RouteVehicle> byId = new HashMap<>();
            routeVehicles.forEach(rv -> byId.put(rv.getId(), rv));
            stops.stream().filter(s -> s.getRouteVehicle() != null && byId.containsKey(s.getRouteVehicle().getId()))
                    .sorted(Comparator.comparing(PlanStop::getRoutePosition))
                    .forEach(s -> byId.get(s.getRouteVehicle().getId()).getVisits().add(model.visitByStop.get(s.getId())));
        }
        return model;
    }

    /** Why a stop cannot be served by any vehicle at all, or null when that is not obvious. */
    String impossibility(PlanStop stop) {
        int largest = vehicles.stream().mapToInt(PlanVehicle::getCapacityKg).max().orElse(0);
        if (vehicles.isEmpty()) {
            return "The plan has no vehicles";
        }
        if (stop.getDemandKg() > largest) {
            return "Demand " + stop.getDemandKg() + " kg is more than any vehicle carries (largest " + largest + " kg)";
        }
        RouteVisit visit = visitByStop.get(stop.getId());
        int loc = visit.getLocation();
        long there = table.seconds()[0][loc];
        long back = table.seconds()[loc][0];
        long earliestStart = vehicles.stream().mapToLong(v -> v.getShiftStart().toSecondOfDay()).min().orElse(0);
        long latestEnd = vehicles.stream().mapToLong(v -> v.getShiftEnd().toSecondOfDay()).max().orElse(DAY);
        long earliestArrival = earliestStart + there;
        if (earliestArrival > visit.getDue()) {
            return "Window closes at " + clock(visit.getDue()) + ", before the earliest arrival from the depot ("
                    + clock(earliestArrival) + ")";
        }
        long serviceEnd = Math.max(earliestArrival, visit.getReady()) + visit.getService();
        if (serviceEnd + back > latestEnd) {
            return "Cannot be served and back at the depot before the latest shift ends (" + clock(latestEnd) + ")";
        }
        return null;
    }

    /** The plan's routes from a model whose shadow variables and score are up to date. */
    PlanResult result(String distanceSource) {
        List<PlanResult.Route> routes = new ArrayList<>();
        List<String> breaks = new ArrayList<>();
        int number = 0;
        double totalKm = 0;
        for (RouteVehicle rv : problem.getVehicles()) {
            PlanVehicle pv = vehicleById.get(rv.getId());
            if (rv.getVisits().isEmpty()) {
                continue;
            }
            number++;
            List<PlanResult.RoutedStop> routed = new ArrayList<>();
            int load = 0;
            int position = 0;
            for (RouteVisit visit : rv.getVisits()) {
                PlanStop s = stopById.get(visit.getId());
                load += s.getDemandKg();
                boolean late = visit.lateness() > 0;
                if (late) {
                    breaks.add(pv.getRegistration() + ": " + s.getLabel() + " is reached at " + clock(visit.serviceStart())
                            + ", after its window closes at " + clock(visit.getDue()));
                }
                routed.add(new PlanResult.RoutedStop(s.getId(), ++position, s.getLabel(), s.getLatitude(), s.getLongitude(),
                        time(visit.getArrival()), time(visit.serviceStart()), s.getWindowStart(), s.getWindowEnd(), s.getDemandKg(), load, late));
            }
            if (load > pv.getCapacityKg()) {
                breaks.add(pv.getRegistration() + " carries " + load + " kg, over its capacity of " + pv.getCapacityKg() + " kg");
            }
            long back = rv.returnTime();
            if (back > rv.getShiftEnd()) {
                breaks.add(pv.getRegistration() + " is back at " + clock(back) + ", after its shift ends at " + clock(rv.getShiftEnd()));
            }
            double km = rv.totalDistance() / 1000.0;
            totalKm += km;
            double energy = km * RouteFigures.consumptionPer100Km(pv.getVehicleType(), pv.getFuelType()) / 100;
            double co2 = energy * RouteFigures.co2KgPerUnit(pv.getFuelType());
            double cost = km * pv.getCostPerKm().doubleValue();
            routes.add(new PlanResult.Route(number, pv.getId(), pv.getVehicleId(), pv.getRegistration(), pv.getCapacityKg(), routed, load,
                    round(km, 1), (int) ((back - rv.getShiftStart()) / 60), time(rv.getShiftStart()), time(back),
                    round(energy, 1), RouteFigures.consumptionUnit(pv.getFuelType()), round(co2, 1), round(cost, 2)));
        }
        List<PlanResult.Unassigned> unassigned = new ArrayList<>();
        for (RouteVisit visit : problem.getVisits()) {
            if (visit.getVehicle() == null) {
                PlanStop s = stopById.get(visit.getId());
                String reason = s.getUnassignedReason() != null ? s.getUnassignedReason() : reasonLeftOut(s);
                unassigned.add(new PlanResult.Unassigned(s.getId(), s.getLabel(), s.getLatitude(), s.getLongitude(), reason));
            }
        }
        String score = problem.getScore() == null ? "" : describe(problem);
        return new PlanResult(routes, unassigned, breaks, score, round(totalKm, 1), distanceSource);
    }

    String reasonLeftOut(PlanStop stop) {
        String impossible = impossibility(stop);
        return impossible != null ? impossible
                : "No route had room for it in time and capacity alongside the other stops";
    }

    static String describe(RouteProblem solved) {
        var score = solved.getScore();
        if (score == null) {
            return "";
        }
        long unassigned = solved.getVisits().stream().filter(v -> v.getVehicle() == null).count();
        return (score.hardScore() == 0 ? "Feasible" : "Breaks rules (" + (-score.hardScore()) + ")")
                + (unassigned == 0 ? ", every stop routed" : ", " + unassigned + " left out")
                + String.format(Locale.ROOT, ", %.1f km", solved.totalDistance() / 1000.0);
    }


    static LocalTime time(Long secondOfDay) {
        if (secondOfDay == null) {
            return null;
        }
        return LocalTime.ofSecondOfDay(Math.min(DAY - 1, Math.max(0, secondOfDay)));
    }

    static String clock(long secondOfDay) {
        if (secondOfDay >= DAY) {
            return "after midnight";
        }
        LocalTime t = LocalTime.ofSecondOfDay(Math.max(0, secondOfDay));
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    private static double round(double value, int places) {
        double f = Math.pow(10, places);
        return Math.round(value * f) / f;
    }
}
