package com.fleetdesk.routing.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.util.List;
import java.util.Map;

/**
 * A capacitated vehicle routing problem with time windows. Hard: capacity, time windows, shift
 * end; medium: stops left out, weighted by priority; soft: distance (× cost weight) and load
 * balance. The product and the Solomon benchmark both map their data into this model.
 */
@PlanningSolution
public class RouteProblem {

    private TravelMatrix matrix;

    @PlanningEntityCollectionProperty
    private List<RouteVehicle> vehicles;

    @PlanningEntityCollectionProperty
    @ValueRangeProvider
    private List<RouteVisit> visits;

    private ConstraintWeightOverrides<HardMediumSoftLongScore> constraintWeights = ConstraintWeightOverrides.none();

    @PlanningScore
    private HardMediumSoftLongScore score;

    public RouteProblem() {
    }

    public RouteProblem(TravelMatrix matrix, List<RouteVehicle> vehicles, List<RouteVisit> visits, long loadBalanceWeight) {
        this.matrix = matrix;
        this.vehicles = vehicles;
        this.visits = visits;
        this.constraintWeights = ConstraintWeightOverrides.of(
                Map.of(RouteConstraints.LOAD_BALANCE, HardMediumSoftLongScore.ofSoft(loadBalanceWeight)));
    }

    public TravelMatrix getMatrix() {
        return matrix;
    }

    public List<RouteVehicle> getVehicles() {
        return vehicles;
    }

    public List<RouteVisit> getVisits() {
        return visits;
    }

    public ConstraintWeightOverrides<HardMediumSoftLongScore> getConstraintWeights() {
        return constraintWeights;
    }

    public void setConstraintWeights(ConstraintWeightOverrides<HardMediumSoftLongScore> constraintWeights) {
        this.constraintWeights = constraintWeights;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }

    public long totalDistance() {
        long sum = 0;
        for (RouteVehicle v : vehicles) {
            sum += v.totalDistance();
        }
        return sum;
    }
}
