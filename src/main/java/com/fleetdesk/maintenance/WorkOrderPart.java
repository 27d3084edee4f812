package com.fleetdesk.maintenance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A part used on a work order: reserved at a stock location while the order is open or in
 * progress, issued from there when the order is done. The unit cost is the part's cost when
 * the line was added, so later price changes do not rewrite a finished job's cost.
 */
@Entity
@Table(name = "work_order_part")
public class WorkOrderPart {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "work_order_id")
    private WorkOrder workOrder;

    @Column(name = "part_id")
    private long partId;
    @Column(name = "part_number")
    private String partNumber;
    @Column(name = "part_name")
    private String partName;
    private String unit;
    @Column(name = "location_id")
    private long locationId;
    @Column(name = "location_name")
    private String locationName;
    private BigDecimal quantity;
    @Column(name = "unit_cost")
    private BigDecimal unitCost;
    private boolean issued;

    protected WorkOrderPart() {
    }

    WorkOrderPart(WorkOrder workOrder, long partId, String partNumber, String partName, String unit, long locationId, String locationName,
                  BigDecimal quantity, BigDecimal unitCost) {
        this.workOrder = workOrder;
        this.partId = partId;
        this.partNumber = partNumber;
        this.partName = partName;
        this.unit = unit;
        this.locationId = locationId;
        this.locationName = locationName;
        this.quantity = quantity;
        this.unitCost = unitCost;
    }

    public BigDecimal cost() {
        return quantity.multiply(unitCost).setScale(2, RoundingMode.HALF_UP);
    }

    /** "5 L" or "2" (pieces). */
    public String quantityText() {
        String n = quantity.stripTrailingZeros().toPlainString();
        return "PIECE".equals(unit) ? n : n + " " + switch (unit) {
            case "LITRE" -> "L";
            case "KG" -> "kg";
            case "METRE" -> "m";
            default -> unit.toLowerCase();
        };
    }

    void markIssued() {
        this.issued = true;
    }

    public Long getId() {
        return id;
    }

    public long getPartId() {
        return partId;
    }

    public String getPartNumber() {
        return partNumber;
    }

    public String getPartName() {
        return partName;
    }

    public String getUnit() {
        return unit;
    }

    public long getLocationId() {
        return locationId;
    }

    public String getLocationName() {
        return locationName;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public BigDecimal getUnitCost() {
        return unitCost;
    }

    public boolean isIssued() {
        return issued;
    }
}
