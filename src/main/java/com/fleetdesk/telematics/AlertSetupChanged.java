package com.fleetdesk.telematics;

import com.fleetdesk.base.live.LiveEvent;

/** Alert rules or geofences of a depot changed; every node reloads what it evaluates. */
public record AlertSetupChanged(long depotId) implements LiveEvent {
}
