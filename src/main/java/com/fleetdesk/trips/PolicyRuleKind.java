package com.fleetdesk.trips;

public enum PolicyRuleKind {
    /** No single expense of the type may exceed the amount. */
    EXPENSE_TYPE_CAP("Cap per expense of a type"),
    /** Fuel and toll spending per driven kilometre may not exceed the amount. */
    PER_KM_ALLOWANCE("Fuel and toll allowance per km"),
    /** The trip's total cost may not exceed the amount. */
    MAX_TRIP_COST("Maximum cost of a trip");

    private final String label;

    PolicyRuleKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
