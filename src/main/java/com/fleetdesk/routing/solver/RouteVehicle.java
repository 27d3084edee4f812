package com.fleetdesk.routing.solver;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;

import java.util.ArrayList;
import java.util.List;

/** A vehicle of the plan and the visits it makes, in order; the solver changes the list. */
@PlanningEntity
public class RouteVehicle {

    @PlanningId
    private long id;
    private long capacity;
    private int depotLocation;
    private long shiftStart;
    private long shiftEnd;
    /** Multiplies the distance in the soft score: a dearer vehicle is used for less. */
    private long costWeight;
    private TravelMatrix matrix;

    @PlanningListVariable(allowsUnassignedValues = true)
    private List<RouteVisit> visits = new ArrayList<>();

    public RouteVehicle() {
    }

    public RouteVehicle(long id, long capacity, int depotLocation, long shiftStart, long shiftEnd, long costWeight, TravelMatrix matrix) {
        this.id = id;
        this.capacity = capacity;
        this.depotLocation = depotLocation;
        this.shiftStart = shiftStart;
        this.shiftEnd = shiftEnd;
        this.costWeight = costWeight;
        this.matrix = matrix;
    }

    public long getId() {
        return id;
    }

    public long getCapacity() {
        return capacity;
    }

    public int getDepotLocation() {
        return depotLocation;
    }

    public long getShiftStart() {
        return shiftStart;
    }

    public long getShiftEnd() {
        return shiftEnd;
    }

    public long getCostWeight() {
        return costWeight;
    }

    public TravelMatrix getMatrix() {
        return matrix;
    }

    public List<RouteVisit> getVisits() {
        return visits;
    }

    public void setVisits(List<RouteVisit> visits) {
        this.visits = visits;
    }

    public long totalDemand() {
        long sum = 0;
        for (RouteVisit v : visits) {
            sum += v.getDemand();
        }
        return sum;
    }

    /** Distance from the depot through every visit and back. */
    public long totalDistance() {
        if (visits.isEmpty()) {
            return 0;
        }
        long sum = 0;
        int at = depotLocation;
        for (RouteVisit v : visits) {
            sum += matrix.distance(at, v.getLocation());
            at = v.getLocation();
        }
        return sum + matrix.distance(at, depotLocation);
    }

    /** When the vehicle is back at the depot, or the shift start when it has no visits. */
    public long returnTime() {
        if (visits.isEmpty()) {
            return shiftStart;
        }
        RouteVisit last = visits.getLast();
        return last.departure() + matrix.time(last.getLocation(), depotLocation);
    }

    @Override
    public String toString() {
        return "vehicle " + id;
    }
}
