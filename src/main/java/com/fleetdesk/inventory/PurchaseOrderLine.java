package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** One part on a purchase order: how many are ordered at what price, and how many have arrived. */
@Entity
@Table(name = "purchase_order_line")
public class PurchaseOrderLine extends AuditedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private PurchaseOrder order;

    @Column(name = "part_id", nullable = false)
    private long partId;

    @Column(nullable = false)
    private BigDecimal quantity;

    @Column(name = "unit_price", nullable = false)
    private BigDecimal unitPrice;

    @Column(nullable = false)
    private BigDecimal received = BigDecimal.ZERO;

    protected PurchaseOrderLine() {
    }

    PurchaseOrderLine(PurchaseOrder order, long partId, BigDecimal quantity, BigDecimal unitPrice) {
        this.order = order;
        this.partId = partId;
        change(quantity, unitPrice);
    }

    void change(BigDecimal quantity, BigDecimal unitPrice) {
        if (quantity == null || quantity.signum() <= 0) {
            throw new InvalidInputException("quantity", "Order a quantity above 0.");
        }
        if (unitPrice == null || unitPrice.signum() < 0) {
            throw new InvalidInputException("unitPrice", "The unit price must be 0 or more.");
        }
        if (unitPrice.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException("unitPrice", "Give the unit price in pounds and pence (at most 2 decimals).");
        }
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }

    /** Books {@code qty} as arrived; more than is still outstanding is refused. */
    void receive(BigDecimal qty, String partNumber) {
        BigDecimal outstanding = outstanding();
        if (qty.compareTo(outstanding) > 0) {
            throw new InvalidInputException("quantity", "Only " + outstanding.stripTrailingZeros().toPlainString() + " of " + partNumber
                    + " are still outstanding on " + order.number() + " (ordered " + quantity.stripTrailingZeros().toPlainString()
                    + ", received " + received.stripTrailingZeros().toPlainString() + "): cannot receive "
                    + qty.stripTrailingZeros().toPlainString() + ".");
        }
        received = received.add(qty);
    }

    public BigDecimal outstanding() {
        return quantity.subtract(received);
    }

    public long getPartId() {
        return partId;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public BigDecimal getReceived() {
        return received;
    }

    public BigDecimal total() {
        return quantity.multiply(unitPrice);
    }
}
