package com.fleetdesk.routing;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A depot's delivery plan for one day: the vehicles available, the stops to serve and, once
 * solved, which vehicle serves which stop in what order. Status changes only through the
 * methods below (DRAFT → SOLVING → SOLVED → DISPATCHED | CANCELLED, FAILED with a reason).
 */
@Entity
@Table(name = "route_plan")
public class RoutePlan extends AuditedEntity {

    @Column(name = "depot_id", nullable = false)
    private Long depotId;

    @Column(nullable = false, length = 120)
    private String name;

    @Column(name = "plan_date", nullable = false)
    private LocalDate planDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private RoutePlanStatus status = RoutePlanStatus.DRAFT;

    @Column(name = "failure_reason", length = 1000)
    private String failureReason;

    @Column(length = 120)
    private String score;

    @Column(name = "distance_km")
    private BigDecimal distanceKm;

    @Column(name = "solved_at")
    private Instant solvedAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    /** The node solving the plan (while SOLVING). */
    @Column(name = "solving_node", length = 255)
    private String solvingNode;

    /** Until when that node vouches for its solver; renewed while it runs (see InterruptedSolves). */
    @Column(name = "solving_lease_until")
    private Instant solvingLeaseUntil;

    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("registration")
    private List<PlanVehicle> vehicles = new ArrayList<>();

    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<PlanStop> stops = new ArrayList<>();

    protected RoutePlan() {
    }

    public RoutePlan(long depotId, String name, LocalDate planDate) {
        this.depotId = depotId;
        this.name = name;
        this.planDate = planDate;
    }

    /** Refuses changes to stops and vehicles unless the plan is still being prepared. */
    public void requireEditable() {
        if (!status.editable()) {
            throw new InvalidInputException("This plan is " + status.label().toLowerCase()
                    + (status == RoutePlanStatus.SOLVING ? ": stop the solver first." : " and can no longer be changed."));
        }
    }

    /** Any change to stops or vehicles makes an earlier solution stale: back to draft. */
    void edited() {
        requireEditable();
        if (status != RoutePlanStatus.DRAFT) {
            status = RoutePlanStatus.DRAFT;
            failureReason = null;
        }
    }

    public void startSolving(String node, Instant leaseUntil) {
        requireEditable();
        if (stops.isEmpty()) {
            throw new InvalidInputException("stops", "Add at least one stop before solving.");
        }
        if (vehicles.stream().noneMatch(PlanVehicle::isIncluded)) {
            throw new InvalidInputException("vehicles", "The depot has no vehicles in this plan: include at least one vehicle before solving.");
        }
        status = RoutePlanStatus.SOLVING;
        failureReason = null;
        solvingNode = node;
        solvingLeaseUntil = leaseUntil;
    }

    /**
     * Solving, but on no live node: not on this one, and either started by this node's run before a
     * restart, or the lease of the node that started it ran out (that node renews it while its solver
     * runs). Its own node's solve is never abandoned, even when a database outage kept it from renewing.
     */
    boolean solvingAbandoned(boolean solvingHere, boolean earlierRunHere, Instant now) {
        return status == RoutePlanStatus.SOLVING && !solvingHere
                && (earlierRunHere || solvingLeaseUntil == null || solvingLeaseUntil.isBefore(now));
    }

    String getSolvingNode() {
        return solvingNode;
    }

    /** The solver finished (or was stopped) with the routes now on the stops. */
    public void solved(String score, BigDecimal distanceKm, Instant at) {
        if (status != RoutePlanStatus.SOLVING && status != RoutePlanStatus.SOLVED) {
            throw new IllegalStateException("Plan " + getId() + " is " + status + ", not solving");
        }
        this.status = RoutePlanStatus.SOLVED;
        solvingNode = null;
        solvingLeaseUntil = null;
        this.score = score;
        this.distanceKm = distanceKm;
        this.solvedAt = at;
    }

    /** A hand-made change to the routes: the plan stays solved with the new score. */
    public void rescored(String score, BigDecimal distanceKm) {
        if (status != RoutePlanStatus.SOLVED) {
            throw new InvalidInputException("Only a solved plan's routes can be changed by hand.");
        }
        this.score = score;
        this.distanceKm = distanceKm;
    }

    public void fail(String reason) {
        if (status != RoutePlanStatus.SOLVING) {
            throw new IllegalStateException("Plan " + getId() + " is " + status + ", not solving");
        }
        status = RoutePlanStatus.FAILED;
        solvingNode = null;
        solvingLeaseUntil = null;
        failureReason = reason == null || reason.isBlank() ? "The solver stopped without a reason" : truncate(reason, 1000);
    }

    public void dispatch(Instant at) {
        if (status != RoutePlanStatus.SOLVED) {
            throw new InvalidInputException("Only a solved plan can be dispatched; this one is " + status.label().toLowerCase() + ".");
        }
        if (stops.stream().noneMatch(s -> s.getRouteVehicle() != null)) {
            throw new InvalidInputException("No stop is on a route: there is nothing to dispatch.");
        }
        status = RoutePlanStatus.DISPATCHED;
        dispatchedAt = at;
    }

    public void cancel() {
        if (status == RoutePlanStatus.DISPATCHED || status == RoutePlanStatus.CANCELLED) {
            throw new InvalidInputException("A " + status.label().toLowerCase() + " plan cannot be cancelled.");
        }
        if (status == RoutePlanStatus.SOLVING) {
            throw new InvalidInputException("Stop the solver before cancelling the plan.");
        }
        status = RoutePlanStatus.CANCELLED;
    }

    /** Clears every route, e.g. before solving again after an edit. */
    void clearRoutes() {
        for (PlanStop stop : stops) {
            stop.unroute(null);
        }
        score = null;
        distanceKm = null;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public Long getDepotId() {
        return depotId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LocalDate getPlanDate() {
        return planDate;
    }

    public void setPlanDate(LocalDate planDate) {
        this.planDate = planDate;
    }

    public RoutePlanStatus getStatus() {
        return status;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public String getScore() {
        return score;
    }

    public BigDecimal getDistanceKm() {
        return distanceKm;
    }

    public Instant getSolvedAt() {
        return solvedAt;
    }

    public Instant getDispatchedAt() {
        return dispatchedAt;
    }

    public List<PlanVehicle> getVehicles() {
        return vehicles;
    }

    public List<PlanStop> getStops() {
        return stops;
    }
}
