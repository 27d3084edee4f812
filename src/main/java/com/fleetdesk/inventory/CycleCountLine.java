package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** One part (one lot of a lot-tracked part) on a count sheet: the on-hand snapshot and what was counted. */
@Entity
@Table(name = "cycle_count_line")
public class CycleCountLine extends AuditedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "count_id")
    private CycleCount count;
    @Column(name = "part_id", nullable = false)
    private long partId;
    @Column(name = "lot_number")
    private String lotNumber;
    @Column(nullable = false)
    private BigDecimal expected;
    private BigDecimal counted;
    private BigDecimal posted;

    protected CycleCountLine() {
    }

    public long getPartId() {
        return partId;
    }

    public String getLotNumber() {
        return lotNumber;
    }

    /** On hand when the sheet was made. */
    public BigDecimal getExpected() {
        return expected;
    }

    public BigDecimal getCounted() {
        return counted;
    }

    /** The adjustment booked on approval (null before). */
    public BigDecimal getPosted() {
        return posted;
    }

    /** Counted minus the snapshot; null until counted. */
    public BigDecimal variance() {
        return counted == null ? null : counted.subtract(expected);
    }

    void count(BigDecimal quantity) {
        this.counted = quantity;
    }

    void posted(BigDecimal delta) {
        this.posted = delta;
    }
}
