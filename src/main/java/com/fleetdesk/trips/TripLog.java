package com.fleetdesk.trips;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The logbook entry of one journey made with a fleet vehicle. Its approval state changes only
 * through {@link #submit}, {@link #approve} and {@link #reject}; distance, CO₂ and cost are
 * derived, never typed in.
 */
@Entity
@Table(name = "trip_log")
public class TripLog extends AuditedEntity {

    @NotNull(message = "Choose the vehicle")
    @Column(name = "vehicle_id")
    private Long vehicleId;

    @Column(name = "vehicle_registration")
    private String vehicleRegistration;

    @NotNull(message = "Choose the driver")
    @Column(name = "driver_id")
    private Long driverId;

    @Column(name = "driver_name")
    private String driverName;

    @Column(name = "depot_id")
    private Long depotId;

    @Column(name = "owner_username")
    private String ownerUsername;

    @NotBlank(message = "Enter the purpose of the trip")
    @Size(max = 200, message = "At most 200 characters")
    private String purpose;

    @NotNull(message = "Choose a category")
    @Enumerated(EnumType.STRING)
    private TripCategory category = TripCategory.BUSINESS;

    @NotNull(message = "Enter when the trip started")
    @Column(name = "started_at")
    private Instant startedAt;

    @NotNull(message = "Enter when the trip ended")
    @Column(name = "ended_at")
    private Instant endedAt;

    @NotBlank(message = "Enter where the trip started")
    @Size(max = 200, message = "At most 200 characters")
    @Column(name = "start_place")
    private String startPlace;

    @NotBlank(message = "Enter where the trip ended")
    @Size(max = 200, message = "At most 200 characters")
    @Column(name = "end_place")
    private String endPlace;

    @NotNull(message = "Enter the odometer reading at the start")
    @DecimalMin(value = "0", message = "An odometer reading cannot be negative")
    @Column(name = "start_odometer_km")
    private BigDecimal startOdometerKm;

    @NotNull(message = "Enter the odometer reading at the end")
    @DecimalMin(value = "0", message = "An odometer reading cannot be negative")
    @Column(name = "end_odometer_km")
    private BigDecimal endOdometerKm;

    @Column(name = "distance_km")
    private BigDecimal distanceKm = BigDecimal.ZERO;

    @Column(name = "distance_source")
    private String distanceSource = "ODOMETER";

    @Column(name = "co2_kg")
    private BigDecimal co2Kg = BigDecimal.ZERO;

    @Enumerated(EnumType.STRING)
    private TripStatus status = TripStatus.DRAFT;

    @NotBlank(message = "Choose the currency")
    @Pattern(regexp = "[A-Z]{3}", message = "Use a three-letter ISO currency code such as GBP")
    private String currency = "GBP";

    @Column(name = "total_cost")
    private BigDecimal totalCost = BigDecimal.ZERO;

    @Column(name = "policy_violations")
    private String policyViolations;

    @Size(max = 2000, message = "At most 2000 characters")
    private String notes;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    /** Rejects an end before the start for time and odometer; {@code field} names the culprit. */
    public void requireConsistent() {
        if (startedAt != null && endedAt != null && endedAt.isBefore(startedAt)) {
            throw new TripRuleException("endedAt", "The trip cannot end before it started");
        }
        if (startOdometerKm != null && endOdometerKm != null && endOdometerKm.compareTo(startOdometerKm) < 0) {
            throw new TripRuleException("endOdometerKm", "The odometer cannot go backwards: the end reading ("
                    + endOdometerKm.toPlainString() + " km) is below the start reading (" + startOdometerKm.toPlainString() + " km)");
        }
    }

    /** Distance from the odometer and CO₂ from the vehicle's factor (kg per km). */
    void recalculate(BigDecimal co2KgPerKm) {
        requireConsistent();
        if (!"GPS".equals(distanceSource)) {
            distanceKm = endOdometerKm.subtract(startOdometerKm);
        }
        co2Kg = distanceKm.multiply(co2KgPerKm).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    void assignVehicle(long vehicleId, String registration, long depotId) {
        this.vehicleId = vehicleId;
        this.vehicleRegistration = registration;
        this.depotId = depotId;
    }

    void assignDriver(long driverId, String name) {
        this.driverId = driverId;
        this.driverName = name;
    }

    void assignOwner(String username) {
        this.ownerUsername = username;
    }

    void recordCosts(BigDecimal total, String violations) {
        this.totalCost = total;
        this.policyViolations = violations == null || violations.isBlank() ? null : violations;
    }

    /** Records a GPS-measured distance (from telematics), which wins over the odometer difference. */
    void useGpsDistance(BigDecimal km) {
        this.distanceSource = "GPS";
        this.distanceKm = km;
    }

    TripApproval submit(String actor, Instant now) {
        if (!status.editableByOwner()) {
            throw new TripRuleException("status", "Only a draft or rejected trip can be submitted; this one is " + status.label().toLowerCase());
        }
        status = TripStatus.SUBMITTED;
        submittedAt = now;
        decidedAt = null;
        return new TripApproval(this, ApprovalAction.SUBMITTED, actor, now, null);
    }

    TripApproval approve(String actor, String comment, Instant now) {
        requireSubmitted();
        status = TripStatus.APPROVED;
        decidedAt = now;
        return new TripApproval(this, ApprovalAction.APPROVED, actor, now, blankToNull(comment));
    }

    TripApproval reject(String actor, String comment, Instant now) {
        requireSubmitted();
        if (comment == null || comment.isBlank()) {
            throw new TripRuleException("comment", "Say why the trip is rejected, so the driver can fix it");
        }
        status = TripStatus.REJECTED;
        decidedAt = now;
        return new TripApproval(this, ApprovalAction.REJECTED, actor, now, comment.strip());
    }

    private void requireSubmitted() {
        if (status != TripStatus.SUBMITTED) {
            throw new TripRuleException("status", "Only a submitted trip can be approved or rejected; this one is " + status.label().toLowerCase());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A new draft with this trip's journey details, for a repeated trip. */
    TripLog copyAsDraft() {
        TripLog copy = new TripLog();
        copy.vehicleId = vehicleId;
        copy.vehicleRegistration = vehicleRegistration;
        copy.driverId = driverId;
        copy.driverName = driverName;
        copy.depotId = depotId;
        copy.purpose = purpose;
        copy.category = category;
        copy.startPlace = startPlace;
        copy.endPlace = endPlace;
        copy.currency = currency;
        copy.notes = notes;
        copy.startedAt = startedAt;
        copy.endedAt = endedAt;
        copy.startOdometerKm = endOdometerKm;
        copy.endOdometerKm = endOdometerKm.add(endOdometerKm.subtract(startOdometerKm));
        return copy;
    }

    public boolean violatesPolicy() {
        return policyViolations != null;
    }

    public Long getVehicleId() {
        return vehicleId;
    }

    public void setVehicleId(Long vehicleId) {
        this.vehicleId = vehicleId;
    }

    public String getVehicleRegistration() {
        return vehicleRegistration;
    }

    public Long getDriverId() {
        return driverId;
    }

    public void setDriverId(Long driverId) {
        this.driverId = driverId;
    }

    public String getDriverName() {
        return driverName;
    }

    public Long getDepotId() {
        return depotId;
    }

    public String getOwnerUsername() {
        return ownerUsername;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose == null ? null : purpose.strip();
    }

    public TripCategory getCategory() {
        return category;
    }

    public void setCategory(TripCategory category) {
        this.category = category;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public void setEndedAt(Instant endedAt) {
        this.endedAt = endedAt;
    }

    public String getStartPlace() {
        return startPlace;
    }

    public void setStartPlace(String startPlace) {
        this.startPlace = startPlace == null ? null : startPlace.strip();
    }

    public String getEndPlace() {
        return endPlace;
    }

    public void setEndPlace(String endPlace) {
        this.endPlace = endPlace == null ? null : endPlace.strip();
    }

    public BigDecimal getStartOdometerKm() {
        return startOdometerKm;
    }

    public void setStartOdometerKm(BigDecimal startOdometerKm) {
        this.startOdometerKm = startOdometerKm;
    }

    public BigDecimal getEndOdometerKm() {
        return endOdometerKm;
    }

    public void setEndOdometerKm(BigDecimal endOdometerKm) {
        this.endOdometerKm = endOdometerKm;
    }

    public BigDecimal getDistanceKm() {
        return distanceKm;
    }

    public String getDistanceSource() {
        return distanceSource;
    }

    public BigDecimal getCo2Kg() {
        return co2Kg;
    }

    public TripStatus getStatus() {
        return status;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency == null ? null : currency.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public BigDecimal getTotalCost() {
        return totalCost;
    }

    public String getPolicyViolations() {
        return policyViolations;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes == null || notes.isBlank() ? null : notes.strip();
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }
}
