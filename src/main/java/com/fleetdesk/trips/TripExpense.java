package com.fleetdesk.trips;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money spent on a trip, with an optional receipt file (stored apart, see {@link ReceiptFile}). */
@Entity
@Table(name = "trip_expense")
public class TripExpense extends AuditedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "trip_id")
    private TripLog trip;

    @NotNull(message = "Choose the kind of expense")
    @Enumerated(EnumType.STRING)
    @Column(name = "expense_type")
    private ExpenseType type;

    @NotNull(message = "Enter the amount")
    @DecimalMin(value = "0.01", message = "The amount must be more than zero")
    @DecimalMax(value = "999999.99", message = "The amount is too large")
    @Digits(integer = 10, fraction = 2, message = "Use at most two decimals")
    private BigDecimal amount;

    @NotBlank(message = "Choose the currency")
    @Pattern(regexp = "[A-Z]{3}", message = "Use a three-letter ISO currency code such as GBP")
    private String currency = "GBP";

    @NotNull(message = "Enter the date of the expense")
    @Column(name = "spent_on")
    private LocalDate spentOn;

    @Size(max = 500, message = "At most 500 characters")
    private String description;

    @Column(name = "receipt_name")
    private String receiptName;

    @Column(name = "receipt_type")
    private String receiptType;

    @Column(name = "receipt_size")
    private Integer receiptSize;

    protected TripExpense() {
    }

    public TripExpense(ExpenseType type, BigDecimal amount, String currency, LocalDate spentOn, String description) {
        this.type = type;
        this.amount = amount;
        setCurrency(currency);
        this.spentOn = spentOn;
        this.description = description;
    }

    void attachTo(TripLog trip) {
        this.trip = trip;
    }

    void attachReceipt(ReceiptFile file) {
        this.receiptName = file.fileName();
        this.receiptType = file.contentType();
        this.receiptSize = file.content().length;
    }

    public TripLog getTrip() {
        return trip;
    }

    public ExpenseType getType() {
        return type;
    }

    public void setType(ExpenseType type) {
        this.type = type;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency == null ? null : currency.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public LocalDate getSpentOn() {
        return spentOn;
    }

    public void setSpentOn(LocalDate spentOn) {
        this.spentOn = spentOn;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean hasReceipt() {
        return receiptName != null;
    }

    public String getReceiptName() {
        return receiptName;
    }

    public String getReceiptType() {
        return receiptType;
    }

    public Integer getReceiptSize() {
        return receiptSize;
    }
}
