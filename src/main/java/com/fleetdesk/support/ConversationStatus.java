package com.fleetdesk.support;

/** Where a support conversation stands; said in words on badges. */
public enum ConversationStatus {
    BOT("With the assistant"),
    WAITING_FOR_AGENT("Waiting for an agent"),
    WITH_AGENT("With an agent"),
    RESOLVED("Resolved"),
    CLOSED("Closed");

    private final String label;

    ConversationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this == BOT || this == WAITING_FOR_AGENT || this == WITH_AGENT;
    }
}
