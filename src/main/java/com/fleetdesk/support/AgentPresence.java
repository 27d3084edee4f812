package com.fleetdesk.support;

import java.time.Instant;

/** An agent and whether they take conversations now. */
public record AgentPresence(String username, boolean online, Instant since) {
}
