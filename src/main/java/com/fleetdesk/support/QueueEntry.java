package com.fleetdesk.support;

import java.time.Duration;
import java.time.Instant;

/** A conversation in the agents' queue, with how long the customer has waited and whether the agent has read the latest message. */
public record QueueEntry(long conversationId, String customerUsername, String subject, ConversationStatus status,
                         String agentUsername, EscalationReason reason, Instant escalatedAt, Duration waiting, boolean unread) {
}
