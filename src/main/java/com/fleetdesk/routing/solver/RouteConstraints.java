package com.fleetdesk.routing.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/** The rules a route plan is scored by; every one is incremental (per visit or per vehicle load). */
public class RouteConstraints implements ConstraintProvider {

    public static final String CAPACITY = "Vehicle capacity";
    public static final String TIME_WINDOW = "Time window";
    public static final String SHIFT_END = "Shift end";
    public static final String UNASSIGNED = "Stop left out";
    public static final String DISTANCE = "Distance";
    public static final String LOAD_BALANCE = "Load balance";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[]{capacity(factory), timeWindow(factory), shiftEnd(factory), unassigned(factory),
                distance(factory), loadBalance(factory)};
    }

    Constraint capacity(ConstraintFactory factory) {
        return factory.forEach(RouteVisit.class)
                .filter(v -> v.getVehicle() != null)
                .groupBy(RouteVisit::getVehicle, ConstraintCollectors.sumLong(RouteVisit::getDemand))
                .filter((vehicle, load) -> load > vehicle.getCapacity())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (vehicle, load) -> load - vehicle.getCapacity())
                .asConstraint(CAPACITY);
    }

    Constraint timeWindow(ConstraintFactory factory) {
        return factory.forEach(RouteVisit.class)
                .filter(v -> v.getVehicle() != null && v.lateness() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, RouteVisit::lateness)
                .asConstraint(TIME_WINDOW);
    }

    Constraint shiftEnd(ConstraintFactory factory) {
        return factory.forEach(RouteVisit.class)
                .filter(v -> v.getVehicle() != null && v.getNext() == null && v.overtime() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, RouteVisit::overtime)
                .asConstraint(SHIFT_END);
    }

    Constraint unassigned(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(RouteVisit.class)
                .filter(v -> v.getVehicle() == null)
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, RouteVisit::getUnassignedPenalty)
                .asConstraint(UNASSIGNED);
    }

    Constraint distance(ConstraintFactory factory) {
        return factory.forEach(RouteVisit.class)
                .filter(v -> v.getVehicle() != null)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, v -> v.distanceContribution() * v.getVehicle().getCostWeight())
                .asConstraint(DISTANCE);
    }

    /** Squared load percentage per vehicle: the sum is smallest when work is spread evenly. */
    Constraint loadBalance(ConstraintFactory factory) {
        return factory.forEach(RouteVisit.class)
                .filter(v -> v.getVehicle() != null)
                .groupBy(RouteVisit::getVehicle, ConstraintCollectors.sumLong(RouteVisit::getDemand))
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, (vehicle, load) -> {
                    long percent = vehicle.getCapacity() <= 0 ? 0 : Math.min(200, load * 100 / vehicle.getCapacity());
                    return percent * percent;
                })
                .asConstraint(LOAD_BALANCE);
    }
}
