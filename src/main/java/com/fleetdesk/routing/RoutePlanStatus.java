package com.fleetdesk.routing;

/** Where a route plan is in its life: edited, being solved, solved, sent out, or dropped. */
public enum RoutePlanStatus {
    DRAFT("Draft"),
    SOLVING("Solving"),
    SOLVED("Solved"),
    DISPATCHED("Dispatched"),
    CANCELLED("Cancelled"),
    FAILED("Failed");

    private final String label;

    RoutePlanStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Stops and vehicles may change only before dispatch and while no solver works on the plan. */
    public boolean editable() {
        return this == DRAFT || this == SOLVED || this == FAILED;
    }
}
