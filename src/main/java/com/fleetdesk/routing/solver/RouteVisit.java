package com.fleetdesk.routing.solver;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.CascadingUpdateShadowVariable;
import ai.timefold.solver.core.api.domain.variable.InverseRelationShadowVariable;
import ai.timefold.solver.core.api.domain.variable.NextElementShadowVariable;
import ai.timefold.solver.core.api.domain.variable.PreviousElementShadowVariable;

/**
 * A stop to serve: where, how much, and when. The vehicle, its neighbours in the route and the
 * arrival time follow from the vehicles' lists (shadow variables).
 */
@PlanningEntity
public class RouteVisit {

    @PlanningId
    private long id;
    private int location;
    private long demand;
    private long ready;
    private long due;
    private long service;
    /** Soft cost of leaving the visit out; higher for higher priority. */
    private long unassignedPenalty;
    private TravelMatrix matrix;

    @InverseRelationShadowVariable(sourceVariableName = "visits")
    private RouteVehicle vehicle;
    @PreviousElementShadowVariable(sourceVariableName = "visits")
    private RouteVisit previous;
    @NextElementShadowVariable(sourceVariableName = "visits")
    private RouteVisit next;
    @CascadingUpdateShadowVariable(targetMethodName = "updateArrival")
    private Long arrival;

    public RouteVisit() {
    }

    public RouteVisit(long id, int location, long demand, long ready, long due, long service, long unassignedPenalty, TravelMatrix matrix) {
        this.id = id;
        this.location = location;
        this.demand = demand;
        this.ready = ready;
        this.due = due;
        this.service = service;
        this.unassignedPenalty = unassignedPenalty;
        this.matrix = matrix;
    }

    void updateArrival() {
        if (vehicle == null) {
            arrival = null;
            return;
        }
        if (previous == null) {
            arrival = vehicle.getShiftStart() + matrix.time(vehicle.getDepotLocation(), location);
        } else if (previous.arrival == null) {
            arrival = null;
        } else {
            arrival = previous.departure() + matrix.time(previous.location, location);
        }
    }

    /** Service starts at the arrival or, when early, when the window opens. */
    public long serviceStart() {
        return Math.max(arrival, ready);
    }

    public long departure() {
        return serviceStart() + service;
    }

    public long lateness() {
        return arrival == null ? 0 : Math.max(0, serviceStart() - due);
    }

    /** Time past the vehicle's shift end when it is back at the depot after this, the last visit. */
    public long overtime() {
        if (vehicle == null || next != null || arrival == null) {
            return 0;
        }
        return Math.max(0, departure() + matrix.time(location, vehicle.getDepotLocation()) - vehicle.getShiftEnd());
    }

    /** Distance driven to this visit, plus back to the depot when it is the last one. */
    public long distanceContribution() {
        if (vehicle == null) {
            return 0;
        }
        int from = previous == null ? vehicle.getDepotLocation() : previous.location;
        long d = matrix.distance(from, location);
        if (next == null) {
            d += matrix.distance(location, vehicle.getDepotLocation());
        }
        return d;
    }

    TravelMatrix matrixOf() {
        return matrix;
    }

    public long getId() {
        return id;
    }

    public int getLocation() {
        return location;
    }

    public long getDemand() {
        return demand;
    }

    public long getReady() {
        return ready;
    }

    public long getDue() {
        return due;
    }

    public long getService() {
        return service;
    }

    public long getUnassignedPenalty() {
        return unassignedPenalty;
    }

    public RouteVehicle getVehicle() {
        return vehicle;
    }

    public RouteVisit getPrevious() {
        return previous;
    }

    public RouteVisit getNext() {
        return next;
    }

    public Long getArrival() {
        return arrival;
    }

    @Override
    public String toString() {
        return "visit " + id;
    }
}
