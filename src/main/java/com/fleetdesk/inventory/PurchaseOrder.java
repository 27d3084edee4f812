package com.fleetdesk.inventory;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * An order to a supplier for stock at one location. Its life: DRAFT → SUBMITTED → APPROVED →
 * ORDERED → PARTIALLY_RECEIVED → RECEIVED, or CANCELLED before anything arrived. Only a draft can
 * be edited; receiving books RECEIPT movements (done by {@link PurchaseOrderService} through the ledger).
 */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder extends AuditedEntity {

    @Column(name = "supplier_id", nullable = false)
    private long supplierId;

    @Column(name = "location_id", nullable = false)
    private long locationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PurchaseOrderStatus status = PurchaseOrderStatus.DRAFT;

    private String note;

    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "approved_at")
    private Instant approvedAt;
    @Column(name = "approved_by")
    private String approvedBy;
    @Column(name = "ordered_at")
    private Instant orderedAt;
    @Column(name = "closed_at")
    private Instant closedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<PurchaseOrderLine> lines = new ArrayList<>();

    protected PurchaseOrder() {
    }

    public PurchaseOrder(long supplierId, long locationId, String note) {
        this.supplierId = supplierId;
        this.locationId = locationId;
        setNote(note);
    }

    public String number() {
        return getId() == null ? "new purchase order" : "PO-" + getId();
    }

    void requireDraft(String action) {
        if (status != PurchaseOrderStatus.DRAFT) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + ": only a draft order can be "
                    + action + ".");
        }
    }

    private void requireStatus(Set<PurchaseOrderStatus> allowed, String action) {
        if (!allowed.contains(status)) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + " and cannot be " + action + ".");
        }
    }

    void changeHeader(long supplierId, long locationId, String note) {
        requireDraft("edited");
        this.supplierId = supplierId;
        this.locationId = locationId;
        setNote(note);
    }

    private void setNote(String note) {
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "A note has at most 500 characters.");
        }
        this.note = note == null || note.isBlank() ? null : note.strip();
    }

    PurchaseOrderLine addLine(long partId, String partNumber, BigDecimal quantity, BigDecimal unitPrice) {
        requireDraft("edited");
        if (lines.stream().anyMatch(l -> l.getPartId() == partId)) {
            throw new InvalidInputException("part", partNumber + " is already on " + number() + ": change the quantity of that line instead.");
        }
        PurchaseOrderLine line = new PurchaseOrderLine(this, partId, quantity, unitPrice);
        lines.add(line);
        return line;
    }

    void changeLine(long lineId, BigDecimal quantity, BigDecimal unitPrice) {
        requireDraft("edited");
        line(lineId).change(quantity, unitPrice);
    }

    void removeLine(long lineId) {
        requireDraft("edited");
        lines.remove(line(lineId));
    }

    PurchaseOrderLine line(long lineId) {
        return lines.stream().filter(l -> l.getId() != null && l.getId() == lineId).findFirst()
                .orElseThrow(() -> new InvalidInputException("line", "That line is not on " + number() + " (any more)."));
    }

    void submit(String by) {
        requireStatus(Set.of(PurchaseOrderStatus.DRAFT), "submitted");
        if (lines.isEmpty()) {
            throw new InvalidInputException("lines", "Add at least one part before submitting " + number() + ".");
        }
        status = PurchaseOrderStatus.SUBMITTED;
        submittedAt = Instant.now();
        submittedBy = by;
    }

    void approve(String by) {
        requireStatus(Set.of(PurchaseOrderStatus.SUBMITTED), "approved");
        status = PurchaseOrderStatus.APPROVED;
        approvedAt = Instant.now();
        approvedBy = by;
    }

    void markOrdered() {
        requireStatus(Set.of(PurchaseOrderStatus.APPROVED), "sent to the supplier");
        status = PurchaseOrderStatus.ORDERED;
        orderedAt = Instant.now();
    }

    /** Books an arrival on one line; the order becomes partially or fully received. */
    void receive(long lineId, BigDecimal qty, String partNumber) {
        requireStatus(Set.of(PurchaseOrderStatus.ORDERED, PurchaseOrderStatus.PARTIALLY_RECEIVED), "received (it must be ordered first)");
        line(lineId).receive(qty, partNumber);
        boolean complete = lines.stream().allMatch(l -> l.outstanding().signum() == 0);
        status = complete ? PurchaseOrderStatus.RECEIVED : PurchaseOrderStatus.PARTIALLY_RECEIVED;
        if (complete) {
            closedAt = Instant.now();
        }
    }

    void cancel() {
        requireStatus(Set.of(PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SUBMITTED, PurchaseOrderStatus.APPROVED, PurchaseOrderStatus.ORDERED),
                "cancelled (goods have arrived against it)");
        status = PurchaseOrderStatus.CANCELLED;
        closedAt = Instant.now();
    }

    public long getSupplierId() {
        return supplierId;
    }

    public long getLocationId() {
        return locationId;
    }

    public PurchaseOrderStatus getStatus() {
        return status;
    }

    public String getNote() {
        return note;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }

    public Instant getOrderedAt() {
        return orderedAt;
    }

    public List<PurchaseOrderLine> getLines() {
        return Collections.unmodifiableList(lines);
    }

    public BigDecimal total() {
        return lines.stream().map(PurchaseOrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
