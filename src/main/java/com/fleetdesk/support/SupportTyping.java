package com.fleetdesk.support;

import com.fleetdesk.base.live.LiveEvent;

/** Someone is typing in a conversation (sent at most every few seconds while they type). */
public record SupportTyping(long conversationId, String username, boolean agent) implements LiveEvent {
}
