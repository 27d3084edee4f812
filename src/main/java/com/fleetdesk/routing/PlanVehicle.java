package com.fleetdesk.routing;

import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.VehicleType;
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

import java.math.BigDecimal;
import java.time.LocalTime;

/** A fleet vehicle as the plan uses it: copied capacity, and a shift and cost set per plan. */
@Entity
@Table(name = "route_plan_vehicle")
public class PlanVehicle {

    static final LocalTime DEFAULT_SHIFT_START = LocalTime.of(8, 0);
    static final LocalTime DEFAULT_SHIFT_END = LocalTime.of(17, 0);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    private RoutePlan plan;

    @Column(name = "vehicle_id", nullable = false)
    private Long vehicleId;

    @Column(nullable = false, length = 20)
    private String registration;

    @Enumerated(EnumType.STRING)
    @Column(name = "vehicle_type", nullable = false, length = 20)
    private VehicleType vehicleType;

    @Enumerated(EnumType.STRING)
    @Column(name = "fuel_type", nullable = false, length = 20)
    private FuelType fuelType;

    @Column(name = "capacity_kg", nullable = false)
    private int capacityKg;

    @Column(name = "capacity_m3", nullable = false)
    private BigDecimal capacityM3;

    @Column(name = "shift_start", nullable = false)
    private LocalTime shiftStart = DEFAULT_SHIFT_START;

    @Column(name = "shift_end", nullable = false)
    private LocalTime shiftEnd = DEFAULT_SHIFT_END;

    @Column(name = "cost_per_km", nullable = false)
    private BigDecimal costPerKm;

    @Column(nullable = false)
    private boolean included = true;

    protected PlanVehicle() {
    }

    PlanVehicle(RoutePlan plan, long vehicleId, String registration, VehicleType type, FuelType fuel, int capacityKg, BigDecimal capacityM3) {
        this.plan = plan;
        this.vehicleId = vehicleId;
        this.registration = registration;
        this.vehicleType = type;
        this.fuelType = fuel;
        this.capacityKg = capacityKg;
        this.capacityM3 = capacityM3 == null ? BigDecimal.ZERO : capacityM3;
        this.costPerKm = RouteFigures.defaultCostPerKm(type);
    }

    public Long getId() {
        return id;
    }

    public RoutePlan getPlan() {
        return plan;
    }

    public Long getVehicleId() {
        return vehicleId;
    }

    public String getRegistration() {
        return registration;
    }

    public VehicleType getVehicleType() {
        return vehicleType;
    }

    public FuelType getFuelType() {
        return fuelType;
    }

    public int getCapacityKg() {
        return capacityKg;
    }

    public BigDecimal getCapacityM3() {
        return capacityM3;
    }

    public LocalTime getShiftStart() {
        return shiftStart;
    }

    public LocalTime getShiftEnd() {
        return shiftEnd;
    }

    public BigDecimal getCostPerKm() {
        return costPerKm;
    }

    public boolean isIncluded() {
        return included;
    }

    void update(LocalTime shiftStart, LocalTime shiftEnd, BigDecimal costPerKm, boolean included) {
        this.shiftStart = shiftStart;
        this.shiftEnd = shiftEnd;
        this.costPerKm = costPerKm;
        this.included = included;
    }
}
