package com.fleetdesk.inventory;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A part as the catalogue form edits it; {@code id} null for a new part, {@code version} for optimistic locking. */
public class PartForm {

    private Long id;
    private long version;
    @NotBlank(message = "Give the part number")
    @Size(max = 40, message = "At most 40 characters")
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9./_-]*", message = "Use letters, digits and . / _ - (no spaces)")
    private String partNumber;
    @NotBlank(message = "Give the part a name")
    @Size(max = 200, message = "At most 200 characters")
    private String name;
    @Size(max = 2000, message = "At most 2000 characters")
    private String description;
    @NotNull(message = "Choose the category")
    private CategoryInfo category;
    @NotNull(message = "Choose the unit the part is counted in")
    private Unit unit = Unit.PIECE;
    @NotNull(message = "Enter the unit cost")
    @DecimalMin(value = "0", message = "The unit cost must be 0 or more")
    @DecimalMax(value = "9999999999.99", message = "The unit cost is too large")
    @Digits(integer = 10, fraction = 2, message = "Use at most two decimals")
    private BigDecimal unitCost;
    @Size(max = 64, message = "At most 64 characters")
    @Pattern(regexp = "[0-9A-Za-z-]*", message = "A barcode has only letters, digits and -")
    private String barcode;
    private boolean lotTracked;
    @Size(max = 1000, message = "At most 1000 characters")
    private String compatibleModels;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public String getPartNumber() {
        return partNumber;
    }

    public void setPartNumber(String partNumber) {
        this.partNumber = partNumber;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public CategoryInfo getCategory() {
        return category;
    }

    public void setCategory(CategoryInfo category) {
        this.category = category;
    }

    public Unit getUnit() {
        return unit;
    }

    public void setUnit(Unit unit) {
        this.unit = unit;
    }

    public BigDecimal getUnitCost() {
        return unitCost;
    }

    public void setUnitCost(BigDecimal unitCost) {
        this.unitCost = unitCost;
    }

    public String getBarcode() {
        return barcode;
    }

    public void setBarcode(String barcode) {
        this.barcode = barcode;
    }

    public boolean isLotTracked() {
        return lotTracked;
    }

    public void setLotTracked(boolean lotTracked) {
        this.lotTracked = lotTracked;
    }

    public String getCompatibleModels() {
        return compatibleModels;
    }

    public void setCompatibleModels(String compatibleModels) {
        this.compatibleModels = compatibleModels;
    }
}
