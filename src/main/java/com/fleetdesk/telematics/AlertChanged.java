package com.fleetdesk.telematics;

import com.fleetdesk.base.live.LiveEvent;

/** An alert was raised, acknowledged or resolved; alert lists and map panels refresh. */
public record AlertChanged(long alertId, long vehicleId, long depotId, AlertStatus status) implements LiveEvent {
}
