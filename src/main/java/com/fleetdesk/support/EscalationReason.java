package com.fleetdesk.support;

/** Why a conversation went to a human. */
public enum EscalationReason {
    REQUESTED("Asked for a person"),
    LOW_CONFIDENCE("The assistant could not answer twice in a row"),
    FRUSTRATION("The customer sounded frustrated"),
    TICKET("The customer opened a ticket");

    private final String label;

    EscalationReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
