package com.fleetdesk.trips;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** One expense-policy limit, editable by administrators; checked whenever a trip's costs change. */
@Entity
@Table(name = "trip_policy_rule")
public class TripPolicyRule extends AuditedEntity {

    @NotNull(message = "Choose the kind of rule")
    @Enumerated(EnumType.STRING)
    private PolicyRuleKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "expense_type")
    private ExpenseType expenseType;

    @NotBlank(message = "Choose the currency")
    @Pattern(regexp = "[A-Z]{3}", message = "Use a three-letter ISO currency code such as GBP")
    private String currency = "GBP";

    @NotNull(message = "Enter the limit")
    @DecimalMin(value = "0.01", message = "The limit must be more than zero")
    private BigDecimal amount;

    private boolean active = true;

    protected TripPolicyRule() {
    }

    public TripPolicyRule(PolicyRuleKind kind, ExpenseType expenseType, String currency, BigDecimal amount) {
        this.kind = kind;
        this.expenseType = expenseType;
        this.currency = currency;
        this.amount = amount;
    }

    void requireComplete() {
        if (kind == PolicyRuleKind.EXPENSE_TYPE_CAP && expenseType == null) {
            throw new TripRuleException("expenseType", "Choose which expense type the cap applies to");
        }
        if (kind != PolicyRuleKind.EXPENSE_TYPE_CAP) {
            expenseType = null;
        }
    }

    /** The violation this rule finds in a trip, as a sentence, if any. */
    Optional<String> check(TripLog trip, List<TripExpense> expenses) {
        if (!active) {
            return Optional.empty();
        }
        return switch (kind) {
            case EXPENSE_TYPE_CAP -> expenses.stream()
                    .filter(e -> e.getType() == expenseType && e.getCurrency().equals(currency) && e.getAmount().compareTo(amount) > 0)
                    .findFirst()
                    .map(e -> expenseType.label() + " expense of " + money(e.getAmount()) + " is over the cap of " + money(amount));
            case MAX_TRIP_COST -> {
                BigDecimal total = sum(expenses, null);
                yield total.compareTo(amount) > 0
                        ? Optional.of("Trip cost " + money(total) + " is over the maximum of " + money(amount))
                        : Optional.empty();
            }
            case PER_KM_ALLOWANCE -> {
                BigDecimal spent = sum(expenses, List.of(ExpenseType.FUEL, ExpenseType.TOLL));
                if (spent.signum() == 0) {
                    yield Optional.empty();
                }
                BigDecimal km = trip.getDistanceKm();
                if (km == null || km.signum() == 0) {
                    yield Optional.of("Fuel and toll of " + money(spent) + " claimed for a trip of 0 km");
                }
                BigDecimal perKm = spent.divide(km, 3, RoundingMode.HALF_UP);
                yield perKm.compareTo(amount) > 0
                        ? Optional.of("Fuel and toll of " + currency + " " + perKm.toPlainString() + " per km is over the allowance of "
                        + currency + " " + amount.toPlainString() + " per km")
                        : Optional.empty();
            }
        };
    }

    private BigDecimal sum(List<TripExpense> expenses, List<ExpenseType> types) {
        return expenses.stream()
                .filter(e -> e.getCurrency().equals(currency) && (types == null || types.contains(e.getType())))
                .map(TripExpense::getAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private String money(BigDecimal value) {
        return currency + " " + value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public PolicyRuleKind getKind() {
        return kind;
    }

    public void setKind(PolicyRuleKind kind) {
        this.kind = kind;
    }

    public ExpenseType getExpenseType() {
        return expenseType;
    }

    public void setExpenseType(ExpenseType expenseType) {
        this.expenseType = expenseType;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency == null ? null : currency.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String describe() {
        return switch (kind) {
            case EXPENSE_TYPE_CAP -> (expenseType == null ? "?" : expenseType.label()) + " at most " + currency + " " + amount.toPlainString() + " per expense";
            case PER_KM_ALLOWANCE -> "Fuel and toll at most " + currency + " " + amount.toPlainString() + " per km";
            case MAX_TRIP_COST -> "A trip costs at most " + currency + " " + amount.toPlainString();
        };
    }
}
