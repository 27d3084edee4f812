package com.fleetdesk.support;

import com.fleetdesk.base.live.LiveEvent;

/** A conversation got a message or changed state: the customer's panel and the agents' console refresh. */
public record SupportConversationChanged(long conversationId, String customerUsername, String agentUsername,
                                         ConversationStatus status) implements LiveEvent {
}
