package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Stock of one part travelling between two locations: REQUESTED → IN_TRANSIT (the stock leaves
 * the source, TRANSFER_OUT) → RECEIVED (TRANSFER_IN at the destination); only a request that has
 * not shipped can be cancelled (goods on the road are found or written off, not cancelled).
 */
@Entity
@Table(name = "stock_transfer")
public class StockTransfer extends AuditedEntity {

    @Column(name = "part_id", nullable = false)
    private long partId;
    @Column(name = "from_location_id", nullable = false)
    private long fromLocationId;
    @Column(name = "to_location_id", nullable = false)
    private long toLocationId;
    @Column(nullable = false)
    private BigDecimal quantity;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TransferStatus status = TransferStatus.REQUESTED;
    private String note;
    @Column(name = "shipped_at")
    private Instant shippedAt;
    @Column(name = "shipped_by")
    private String shippedBy;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "received_by")
    private String receivedBy;

    protected StockTransfer() {
    }

    StockTransfer(long partId, long fromLocationId, long toLocationId, BigDecimal quantity, String note) {
        if (fromLocationId == toLocationId) {
            throw new InvalidInputException("toLocation", "A transfer needs two different locations: choose where the stock should go.");
        }
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "A note has at most 500 characters.");
        }
        this.partId = partId;
        this.fromLocationId = fromLocationId;
        this.toLocationId = toLocationId;
        this.quantity = quantity;
        this.note = note == null || note.isBlank() ? null : note.strip();
    }

    public String number() {
        return "TR-" + getId();
    }

    void ship(String by) {
        if (status != TransferStatus.REQUESTED) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + ": only a requested transfer can be shipped.");
        }
        status = TransferStatus.IN_TRANSIT;
        shippedAt = Instant.now();
        shippedBy = by;
    }

    void receive(String by) {
        if (status != TransferStatus.IN_TRANSIT) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase() + ": only a transfer in transit can be received.");
        }
        status = TransferStatus.RECEIVED;
        receivedAt = Instant.now();
        receivedBy = by;
    }

    void cancel() {
        if (status != TransferStatus.REQUESTED) {
            throw new InvalidInputException("status", number() + " is " + status.label().toLowerCase()
                    + ": only a transfer that has not shipped can be cancelled.");
        }
        status = TransferStatus.CANCELLED;
    }

    public long getPartId() {
        return partId;
    }

    public long getFromLocationId() {
        return fromLocationId;
    }

    public long getToLocationId() {
        return toLocationId;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public TransferStatus getStatus() {
        return status;
    }

    public String getNote() {
        return note;
    }
}
