package com.fleetdesk.maintenance;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A job on one vehicle: OPEN → IN_PROGRESS → DONE, or CANCELLED before it is done. The state
 * machine lives here; every other change is refused once the order is finished.
 */
@Entity
@Table(name = "work_order")
public class WorkOrder extends AuditedEntity {

    static final BigDecimal MAX_HOURS = new BigDecimal("999");
    static final BigDecimal MAX_RATE = new BigDecimal("9999");

    private String number;
    @Column(name = "vehicle_id")
    private long vehicleId;
    @Column(name = "vehicle_registration")
    private String vehicleRegistration;
    @Column(name = "vehicle_name")
    private String vehicleName;
    @Column(name = "depot_id")
    private long depotId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "schedule_id")
    private ServiceSchedule schedule;

    private String title;

    @Enumerated(EnumType.STRING)
    private WorkOrderStatus status = WorkOrderStatus.OPEN;

    @Column(name = "technician_username")
    private String technicianUsername;
    @Column(name = "labour_hours")
    private BigDecimal labourHours = BigDecimal.ZERO;
    @Column(name = "labour_rate")
    private BigDecimal labourRate = BigDecimal.ZERO;
    @Column(name = "odometer_km")
    private BigDecimal odometerKm;
    @Column(name = "completed_on")
    private LocalDate completedOn;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "cancel_reason")
    private String cancelReason;
    private String notes;

    /** Parts cost summed by the database when the order is read, so lists need not load every line. */
    @org.hibernate.annotations.Formula("(select coalesce(sum(round(p.quantity * p.unit_cost, 2)), 0) from work_order_part p where p.work_order_id = id)")
    private BigDecimal partsCostWhenRead;

    @OneToMany(mappedBy = "workOrder", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<WorkOrderTask> tasks = new ArrayList<>();

    @OneToMany(mappedBy = "workOrder", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<WorkOrderPart> parts = new ArrayList<>();

    protected WorkOrder() {
    }

    WorkOrder(String number, long vehicleId, String vehicleRegistration, String vehicleName, long depotId, ServiceSchedule schedule,
              String title, BigDecimal labourRate) {
        this.number = number;
        this.vehicleId = vehicleId;
        this.vehicleRegistration = vehicleRegistration;
        this.vehicleName = vehicleName;
        this.depotId = depotId;
        this.schedule = schedule;
        this.title = requireTitle(title);
        this.labourRate = labourRate;
        if (schedule != null) {
            schedule.taskList().forEach(this::addTask);
        }
    }

    // ---- state machine -------------------------------------------------------------------

    void start(Instant now) {
        switch (status) {
            case OPEN -> {
                status = WorkOrderStatus.IN_PROGRESS;
                startedAt = now;
            }
            case IN_PROGRESS -> throw refused("started", "work on it has already started");
            default -> throw refused("started", "it is already " + status.label().toLowerCase());
        }
    }

    /** Done: records the odometer reading and date of the service; every checklist task must be ticked off. */
    void complete(BigDecimal odometer, LocalDate on, LocalDate today, Instant now) {
        if (status == WorkOrderStatus.OPEN) {
            throw refused("completed", "work on it has not started yet; start it first");
        }
        if (status != WorkOrderStatus.IN_PROGRESS) {
            throw refused("completed", "it is already " + status.label().toLowerCase());
        }
        if (odometer == null || odometer.signum() < 0) {
            throw new InvalidInputException("odometerKm", "Enter the odometer reading at the service (0 or more km).");
        }
        if (odometer.compareTo(new BigDecimal("5000000")) > 0) {
            throw new InvalidInputException("odometerKm", "An odometer reading above 5,000,000 km cannot be right.");
        }
        if (on == null) {
            throw new InvalidInputException("completedOn", "Enter the date the work was done.");
        }
        if (on.isAfter(today)) {
            throw new InvalidInputException("completedOn", "The work cannot be done on a future date (" + on + ").");
        }
        long open = tasks.stream().filter(t -> !t.isDone()).count();
        if (open > 0) {
            throw new InvalidInputException("tasks", "Tick off every task before completing " + number + ": " + open
                    + (open == 1 ? " task is" : " tasks are") + " still open.");
        }
        status = WorkOrderStatus.DONE;
        odometerKm = odometer.setScale(1, RoundingMode.HALF_UP);
        completedOn = on;
        finishedAt = now;
    }

    void cancel(String reason, Instant now) {
        if (status.finished()) {
            throw refused("cancelled", "it is already " + status.label().toLowerCase());
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("cancelReason", "Say why the work order is cancelled.");
        }
        if (reason.strip().length() > 500) {
            throw new InvalidInputException("cancelReason", "At most 500 characters.");
        }
        status = WorkOrderStatus.CANCELLED;
        cancelReason = reason.strip();
        finishedAt = now;
    }

    /** Tasks, parts, labour and the technician can change only while the order is open or in progress. */
    void requireChangeable() {
        if (status.finished()) {
            throw new InvalidInputException("status", number + " is " + status.label().toLowerCase() + ": it can no longer be changed.");
        }
    }

    private InvalidInputException refused(String action, String why) {
        return new InvalidInputException("status", "Work order " + number + " cannot be " + action + ": " + why + ".");
    }

    // ---- contents ------------------------------------------------------------------------

    WorkOrderTask addTask(String description) {
        String text = description == null ? "" : description.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("task", "Describe the task.");
        }
        if (text.length() > 300) {
            throw new InvalidInputException("task", "A task has at most 300 characters.");
        }
        int position = tasks.stream().mapToInt(WorkOrderTask::getPosition).max().orElse(0) + 1;
        WorkOrderTask task = new WorkOrderTask(this, position, text);
        tasks.add(task);
        return task;
    }

    void markTask(long taskId, boolean done) {
        requireChangeable();
        task(taskId).setDone(done);
    }

    void removeTask(long taskId) {
        requireChangeable();
        tasks.remove(task(taskId));
    }

    private WorkOrderTask task(long taskId) {
        return tasks.stream().filter(t -> t.getId() != null && t.getId() == taskId).findFirst()
                .orElseThrow(() -> new InvalidInputException("task", "This task is no longer on " + number + "."));
    }

    WorkOrderPart addPart(long partId, String partNumber, String partName, String unit, long locationId, String locationName,
                          BigDecimal quantity, BigDecimal unitCost) {
        requireChangeable();
        WorkOrderPart line = new WorkOrderPart(this, partId, partNumber, partName, unit, locationId, locationName, quantity, unitCost);
        parts.add(line);
        return line;
    }

    WorkOrderPart removePart(long lineId) {
        requireChangeable();
        WorkOrderPart line = parts.stream().filter(p -> p.getId() != null && p.getId() == lineId).findFirst()
                .orElseThrow(() -> new InvalidInputException("part", "This part line is no longer on " + number + "."));
        parts.remove(line);
        return line;
    }

    void assign(String username) {
        requireChangeable();
        this.technicianUsername = username;
    }

    void recordLabour(BigDecimal hours, BigDecimal rate) {
        requireChangeable();
        if (hours == null || hours.signum() < 0) {
            throw new InvalidInputException("labourHours", "Enter the labour hours (0 or more).");
        }
        if (hours.compareTo(MAX_HOURS) > 0) {
            throw new InvalidInputException("labourHours", "At most 999 hours on one work order.");
        }
        if (hours.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException("labourHours", "Give the hours with at most 2 decimals (for example 1.25).");
        }
        if (rate == null || rate.signum() < 0) {
            throw new InvalidInputException("labourRate", "Enter the hourly rate (0 or more).");
        }
        if (rate.compareTo(MAX_RATE) > 0) {
            throw new InvalidInputException("labourRate", "An hourly rate above 9,999 cannot be right.");
        }
        if (rate.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException("labourRate", "Give the rate with at most 2 decimals.");
        }
        this.labourHours = hours.setScale(2, RoundingMode.HALF_UP);
        this.labourRate = rate.setScale(2, RoundingMode.HALF_UP);
    }

    void setNotes(String notes) {
        requireChangeable();
        if (notes != null && notes.length() > 2000) {
            throw new InvalidInputException("notes", "At most 2000 characters.");
        }
        this.notes = notes == null || notes.isBlank() ? null : notes.strip();
    }

    private static String requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "Say what the work order is for, for example A service or Replace brake pads.");
        }
        if (title.strip().length() > 200) {
            throw new InvalidInputException("title", "At most 200 characters.");
        }
        return title.strip();
    }

    // ---- cost ----------------------------------------------------------------------------

    public BigDecimal labourCost() {
        return labourHours.multiply(labourRate).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal partsCost() {
        return parts.stream().map(WorkOrderPart::cost).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal totalCost() {
        return labourCost().add(partsCost());
    }

    /** Labour and parts as they were when the order was read (for lists; {@link #totalCost()} follows unsaved changes). */
    public BigDecimal totalCostWhenRead() {
        return labourCost().add(partsCostWhenRead == null ? BigDecimal.ZERO : partsCostWhenRead);
    }

    // ---- reads ---------------------------------------------------------------------------

    public String getNumber() {
        return number;
    }

    public long getVehicleId() {
        return vehicleId;
    }

    public String getVehicleRegistration() {
        return vehicleRegistration;
    }

    public String getVehicleName() {
        return vehicleName;
    }

    public long getDepotId() {
        return depotId;
    }

    public ServiceSchedule getSchedule() {
        return schedule;
    }

    public String getTitle() {
        return title;
    }

    public WorkOrderStatus getStatus() {
        return status;
    }

    public String getTechnicianUsername() {
        return technicianUsername;
    }

    public BigDecimal getLabourHours() {
        return labourHours;
    }

    public BigDecimal getLabourRate() {
        return labourRate;
    }

    public BigDecimal getOdometerKm() {
        return odometerKm;
    }

    public LocalDate getCompletedOn() {
        return completedOn;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getCancelReason() {
        return cancelReason;
    }

    public String getNotes() {
        return notes;
    }

    public List<WorkOrderTask> getTasks() {
        return List.copyOf(tasks);
    }

    public List<WorkOrderPart> getParts() {
        return List.copyOf(parts);
    }

    @Override
    public String toString() {
        return number + " · " + vehicleRegistration + " · " + title;
    }
}
