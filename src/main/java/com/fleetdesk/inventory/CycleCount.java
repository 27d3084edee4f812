package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A count sheet for one location (optionally one category): OPEN while counting, SUBMITTED when
 * every line is counted, APPROVED by someone other than the counter (which books the variances as
 * ADJUSTMENT movements), or CANCELLED.
 */
@Entity
@Table(name = "cycle_count")
public class CycleCount extends AuditedEntity {

    @Column(name = "location_id", nullable = false)
    private long locationId;
    @Column(name = "category_id")
    private Long categoryId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CycleCountStatus status = CycleCountStatus.OPEN;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "approved_at")
    private Instant approvedAt;
    @Column(name = "approved_by")
    private String approvedBy;

    @OneToMany(mappedBy = "count")
    @OrderBy("id")
    private List<CycleCountLine> lines = new ArrayList<>();

    protected CycleCount() {
    }

    CycleCount(long locationId, Long categoryId) {
        this.locationId = locationId;
        this.categoryId = categoryId;
    }

    public String number() {
        return "cycle count #" + getId();
    }

    CycleCountLine line(long lineId) {
        return lines.stream().filter(l -> l.getId() == lineId).findFirst()
                .orElseThrow(() -> new InvalidInputException("line", "That line is not on " + number() + "."));
    }

    void enter(long lineId, BigDecimal counted) {
        if (status != CycleCountStatus.OPEN) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + ": counts can no longer be changed.");
        }
        if (counted != null && counted.signum() < 0) {
            throw new InvalidInputException("counted", "A counted quantity cannot be negative.");
        }
        line(lineId).count(counted);
    }

    void submit(String by) {
        if (status != CycleCountStatus.OPEN) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + " and cannot be submitted.");
        }
        long missing = lines.stream().filter(l -> l.getCounted() == null).count();
        if (missing > 0) {
            throw new InvalidInputException("counted", missing + " line" + (missing == 1 ? " is" : "s are") + " not counted yet: enter every count before submitting.");
        }
        status = CycleCountStatus.SUBMITTED;
        submittedAt = Instant.now();
        submittedBy = by;
    }

    void approve(String by) {
        if (status != CycleCountStatus.SUBMITTED) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + ": only a submitted count can be approved.");
        }
        if (by.equalsIgnoreCase(submittedBy)) {
            throw new InvalidInputException("status", "You submitted " + number() + ": someone else must approve its variances.");
        }
        status = CycleCountStatus.APPROVED;
        approvedAt = Instant.now();
        approvedBy = by;
    }

    void cancel() {
        if (status != CycleCountStatus.OPEN && status != CycleCountStatus.SUBMITTED) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + " and cannot be cancelled.");
        }
        status = CycleCountStatus.CANCELLED;
    }

    public long getLocationId() {
        return locationId;
    }

    public Long getCategoryId() {
        return categoryId;
    }

    public CycleCountStatus getStatus() {
        return status;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public List<CycleCountLine> getLines() {
        return Collections.unmodifiableList(lines);
    }
}
