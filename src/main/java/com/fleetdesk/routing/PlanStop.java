package com.fleetdesk.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.LocalTime;

/** A place to deliver to: where, how much, when, and (once solved) on which route at what position. */
@Entity
@Table(name = "route_plan_stop")
public class PlanStop {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    private RoutePlan plan;

    @Column(nullable = false, length = 120)
    private String label;

    @Column(length = 255)
    private String address;

    @Column(nullable = false)
    private double latitude;

    @Column(nullable = false)
    private double longitude;

    @Column(name = "demand_kg", nullable = false)
    private int demandKg;

    @Column(name = "window_start")
    private LocalTime windowStart;

    @Column(name = "window_end")
    private LocalTime windowEnd;

    @Column(name = "service_minutes", nullable = false)
    private int serviceMinutes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private StopPriority priority = StopPriority.NORMAL;

    @Column(length = 1000)
    private String notes;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "route_vehicle_id")
    private PlanVehicle routeVehicle;

    @Column(name = "route_position")
    private Integer routePosition;

    private LocalTime eta;

    @Column(name = "unassigned_reason", length = 300)
    private String unassignedReason;

    protected PlanStop() {
    }

    PlanStop(RoutePlan plan, StopInput input) {
        this.plan = plan;
        apply(input);
    }

    void apply(StopInput input) {
        this.label = input.label().strip();
        this.address = input.address() == null || input.address().isBlank() ? null : input.address().strip();
        this.latitude = input.latitude();
        this.longitude = input.longitude();
        this.demandKg = input.demandKg();
        this.windowStart = input.windowStart();
        this.windowEnd = input.windowEnd();
        this.serviceMinutes = input.serviceMinutes();
        this.priority = input.priority();
        this.notes = input.notes() == null || input.notes().isBlank() ? null : input.notes().strip();
    }

    public StopInput toInput() {
        return new StopInput(label, address, latitude, longitude, demandKg, windowStart, windowEnd, serviceMinutes, priority, notes);
    }

    void route(PlanVehicle vehicle, int position, LocalTime eta) {
        this.routeVehicle = vehicle;
        this.routePosition = position;
        this.eta = eta;
        this.unassignedReason = null;
    }

    void unroute(String reason) {
        this.routeVehicle = null;
        this.routePosition = null;
        this.eta = null;
        this.unassignedReason = reason;
    }

    public Long getId() {
        return id;
    }

    public RoutePlan getPlan() {
        return plan;
    }

    public String getLabel() {
        return label;
    }

    public String getAddress() {
        return address;
    }

    public double getLatitude() {
        return latitude;
    }

    public double getLongitude() {
        return longitude;
    }

    public int getDemandKg() {
        return demandKg;
    }

    public LocalTime getWindowStart() {
        return windowStart;
    }

    public LocalTime getWindowEnd() {
        return windowEnd;
    }

    public int getServiceMinutes() {
        return serviceMinutes;
    }

    public StopPriority getPriority() {
        return priority;
    }

    public String getNotes() {
        return notes;
    }

    public PlanVehicle getRouteVehicle() {
        return routeVehicle;
    }

    public Integer getRoutePosition() {
        return routePosition;
    }

    public LocalTime getEta() {
        return eta;
    }

    public String getUnassignedReason() {
        return unassignedReason;
    }
}
