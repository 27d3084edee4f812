package com.fleetdesk.routing;

/** How much it matters that a stop is served today; decides which stops are left out first. */
public enum StopPriority {
    LOW("Low", 1),
    NORMAL("Normal", 3),
    HIGH("High", 10),
    URGENT("Urgent", 30);

    private final String label;
    private final int weight;

    StopPriority(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    public String label() {
        return label;
    }

    /** Cost of leaving the stop out, relative to the other stops. */
    public int weight() {
        return weight;
    }
}
