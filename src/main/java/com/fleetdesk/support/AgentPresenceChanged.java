package com.fleetdesk.support;

import com.fleetdesk.base.live.LiveEvent;

/** An agent went online or away. */
public record AgentPresenceChanged(String username, boolean online) implements LiveEvent {
}
