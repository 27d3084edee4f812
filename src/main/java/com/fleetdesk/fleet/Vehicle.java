package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

@Entity
@Table(name = "vehicle")
public class Vehicle extends AuditedEntity {

    @NotBlank(message = "Enter the registration plate")
    @Size(max = 20, message = "At most 20 characters")
    @Pattern(regexp = "[A-Z0-9][A-Z0-9 -]{0,19}", message = "Use letters, digits, spaces and dashes")
    private String registration;

    @NotBlank(message = "Enter the VIN")
    @Vin
    private String vin;

    @NotBlank(message = "Enter the make")
    @Size(max = 60, message = "At most 60 characters")
    private String make;

    @NotBlank(message = "Enter the model")
    @Size(max = 60, message = "At most 60 characters")
    private String model;

    @NotNull(message = "Enter the model year")
    @Min(value = 1950, message = "The model year must be 1950 or later")
    @Max(value = 2100, message = "The model year must be 2100 or earlier")
    @Column(name = "model_year")
    private Integer modelYear;

    @NotNull(message = "Choose the vehicle type")
    @Enumerated(EnumType.STRING)
    @Column(name = "vehicle_type")
    private VehicleType type;

    @NotNull(message = "Choose the fuel type")
    @Enumerated(EnumType.STRING)
    @Column(name = "fuel_type")
    private FuelType fuelType;

    @DecimalMin(value = "0", message = "Must not be negative")
    @Column(name = "tank_capacity_l")
    private BigDecimal tankCapacityLitres;

    @NotNull(message = "Enter the payload capacity (0 if none)")
    @Min(value = 0, message = "Must not be negative")
    @Column(name = "capacity_kg")
    private Integer capacityKg = 0;

    @NotNull(message = "Enter the load volume (0 if none)")
    @DecimalMin(value = "0", message = "Must not be negative")
    @Column(name = "capacity_m3")
    private BigDecimal capacityM3 = BigDecimal.ZERO;

    @NotNull(message = "Enter the odometer reading")
    @DecimalMin(value = "0", message = "Must not be negative")
    @Column(name = "odometer_km")
    private BigDecimal odometerKm = BigDecimal.ZERO;

    @NotNull
    @DecimalMin(value = "0", message = "Must not be negative")
    @Column(name = "engine_hours")
    private BigDecimal engineHours = BigDecimal.ZERO;

    @NotNull
    @Enumerated(EnumType.STRING)
    private VehicleStatus status = VehicleStatus.ACTIVE;

    @NotNull(message = "Choose the depot")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "depot_id")
    private Depot depot;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "current_driver_id")
    private Driver currentDriver;

    @Size(max = 64, message = "At most 64 characters")
    @Pattern(regexp = "[A-Za-z0-9_.:-]*", message = "Use letters, digits and . _ : - only")
    @Column(name = "tracker_device_id")
    private String trackerDeviceId;

    @Column(name = "purchase_date")
    private LocalDate purchaseDate;

    @DecimalMin(value = "0", message = "Must not be negative")
    @Column(name = "next_service_km")
    private BigDecimal nextServiceKm;

    @Column(name = "next_service_date")
    private LocalDate nextServiceDate;

    /** Moves the vehicle to another status; a retired vehicle stays retired. */
    public void changeStatus(VehicleStatus next) {
        if (next == null) {
            throw new IllegalArgumentException("Choose a status");
        }
        if (status == VehicleStatus.RETIRED && next != VehicleStatus.RETIRED) {
            throw new IllegalStateException("Vehicle " + registration + " is retired and cannot be put back into service");
        }
        this.status = next;
    }

    /** Records a new odometer reading from a trip or telemetry; readings never go backwards. */
    public void recordOdometer(BigDecimal km) {
        if (km == null || km.signum() < 0) {
            throw new IllegalArgumentException("An odometer reading must not be negative");
        }
        if (km.compareTo(odometerKm) < 0) {
            throw new IllegalArgumentException("Odometer of " + registration + " cannot go back from "
                    + odometerKm.toPlainString() + " km to " + km.toPlainString() + " km");
        }
        this.odometerKm = km;
    }

    public void recordEngineHours(BigDecimal hours) {
        if (hours == null || hours.compareTo(engineHours) < 0) {
            throw new IllegalArgumentException("Engine hours cannot go backwards");
        }
        this.engineHours = hours;
    }

    public String getRegistration() {
        return registration;
    }

    public void setRegistration(String registration) {
        this.registration = registration == null ? null : registration.strip().toUpperCase(Locale.ROOT);
    }

    public String getVin() {
        return vin;
    }

    public void setVin(String vin) {
        this.vin = vin == null ? null : vin.strip().toUpperCase(Locale.ROOT);
    }

    public String getMake() {
        return make;
    }

    public void setMake(String make) {
        this.make = make;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Integer getModelYear() {
        return modelYear;
    }

    public void setModelYear(Integer modelYear) {
        this.modelYear = modelYear;
    }

    public VehicleType getType() {
        return type;
    }

    public void setType(VehicleType type) {
        this.type = type;
    }

    public FuelType getFuelType() {
        return fuelType;
    }

    public void setFuelType(FuelType fuelType) {
        this.fuelType = fuelType;
    }

    public BigDecimal getTankCapacityLitres() {
        return tankCapacityLitres;
    }

    public void setTankCapacityLitres(BigDecimal tankCapacityLitres) {
        this.tankCapacityLitres = tankCapacityLitres;
    }

    public Integer getCapacityKg() {
        return capacityKg;
    }

    public void setCapacityKg(Integer capacityKg) {
        this.capacityKg = capacityKg;
    }

    public BigDecimal getCapacityM3() {
        return capacityM3;
    }

    public void setCapacityM3(BigDecimal capacityM3) {
        this.capacityM3 = capacityM3;
    }

    public BigDecimal getOdometerKm() {
        return odometerKm;
    }

    /** Sets the odometer directly when the vehicle is registered or a reading is corrected by hand. */
    public void setOdometerKm(BigDecimal odometerKm) {
        this.odometerKm = odometerKm;
    }

    public BigDecimal getEngineHours() {
        return engineHours;
    }

    public void setEngineHours(BigDecimal engineHours) {
        this.engineHours = engineHours;
    }

    public VehicleStatus getStatus() {
        return status;
    }

    public Depot getDepot() {
        return depot;
    }

    public void setDepot(Depot depot) {
        this.depot = depot;
    }

    public Driver getCurrentDriver() {
        return currentDriver;
    }

    public void setCurrentDriver(Driver currentDriver) {
        this.currentDriver = currentDriver;
    }

    public String getTrackerDeviceId() {
        return trackerDeviceId;
    }

    public void setTrackerDeviceId(String trackerDeviceId) {
        this.trackerDeviceId = trackerDeviceId == null || trackerDeviceId.isBlank() ? null : trackerDeviceId.strip();
    }

    public LocalDate getPurchaseDate() {
        return purchaseDate;
    }

    public void setPurchaseDate(LocalDate purchaseDate) {
        this.purchaseDate = purchaseDate;
    }

    public BigDecimal getNextServiceKm() {
        return nextServiceKm;
    }

    public void setNextServiceKm(BigDecimal nextServiceKm) {
        this.nextServiceKm = nextServiceKm;
    }

    public LocalDate getNextServiceDate() {
        return nextServiceDate;
    }

    public void setNextServiceDate(LocalDate nextServiceDate) {
        this.nextServiceDate = nextServiceDate;
    }

    public String displayName() {
        return registration + " · " + make + " " + model;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
