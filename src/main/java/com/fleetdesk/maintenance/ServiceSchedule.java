package com.fleetdesk.maintenance;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.fleet.VehicleType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** "A service every 20,000 km or 12 months" for a vehicle type, or for one model of that type. */
@Entity
@Table(name = "service_schedule")
public class ServiceSchedule extends AuditedEntity {

    @NotBlank(message = "Enter a name, for example A service")
    @Size(max = 100, message = "At most 100 characters")
    private String name;

    @NotNull(message = "Choose the vehicle type")
    @Enumerated(EnumType.STRING)
    @Column(name = "vehicle_type")
    private VehicleType vehicleType;

    @Size(max = 60, message = "At most 60 characters")
    @Column(name = "vehicle_model")
    private String vehicleModel;

    @Min(value = 100, message = "At least 100 km")
    @Max(value = 1_000_000, message = "At most 1,000,000 km")
    @Column(name = "interval_km")
    private Integer intervalKm;

    @Min(value = 1, message = "At least 1 month")
    @Max(value = 120, message = "At most 120 months")
    @Column(name = "interval_months")
    private Integer intervalMonths;

    @Size(max = 4000, message = "At most 4000 characters")
    private String tasks = "";

    @Size(max = 2000, message = "At most 2000 characters")
    @Column(name = "typical_parts")
    private String typicalParts = "";

    private boolean active = true;

    /** Whether this schedule is for {@code type} and, when it names a model, for that model. */
    public boolean appliesTo(VehicleType type, String model) {
        return active && vehicleType == type
                && (vehicleModel == null || vehicleModel.isBlank() || vehicleModel.strip().equalsIgnoreCase(model == null ? "" : model.strip()));
    }

    public boolean forModel() {
        return vehicleModel != null && !vehicleModel.isBlank();
    }

    /** The checklist, one task a line. */
    public List<String> taskList() {
        return lines(tasks);
    }

    public List<String> typicalPartList() {
        return lines(typicalParts);
    }

    /** "every 20,000 km or 12 months" */
    public String intervalText() {
        StringBuilder sb = new StringBuilder("every ");
        if (intervalKm != null) {
            sb.append(String.format(Locale.UK, "%,d km", intervalKm));
        }
        if (intervalKm != null && intervalMonths != null) {
            sb.append(" or ");
        }
        if (intervalMonths != null) {
            sb.append(intervalMonths).append(intervalMonths == 1 ? " month" : " months");
        }
        return sb.toString();
    }

    public String appliesToText() {
        return vehicleType == null ? "" : vehicleType.label() + (forModel() ? " · " + vehicleModel.strip() : " · all models");
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? null : name.strip();
    }

    public VehicleType getVehicleType() {
        return vehicleType;
    }

    public void setVehicleType(VehicleType vehicleType) {
        this.vehicleType = vehicleType;
    }

    public String getVehicleModel() {
        return vehicleModel;
    }

    public void setVehicleModel(String vehicleModel) {
        this.vehicleModel = vehicleModel == null || vehicleModel.isBlank() ? null : vehicleModel.strip();
    }

    public Integer getIntervalKm() {
        return intervalKm;
    }

    public void setIntervalKm(Integer intervalKm) {
        this.intervalKm = intervalKm;
    }

    public Integer getIntervalMonths() {
        return intervalMonths;
    }

    public void setIntervalMonths(Integer intervalMonths) {
        this.intervalMonths = intervalMonths;
    }

    public String getTasks() {
        return tasks;
    }

    public void setTasks(String tasks) {
        this.tasks = tasks == null ? "" : String.join("\n", lines(tasks));
    }

    public String getTypicalParts() {
        return typicalParts;
    }

    public void setTypicalParts(String typicalParts) {
        this.typicalParts = typicalParts == null ? "" : String.join("\n", lines(typicalParts));
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    @Override
    public String toString() {
        return name + " (" + appliesToText() + ", " + intervalText() + ")";
    }
}
