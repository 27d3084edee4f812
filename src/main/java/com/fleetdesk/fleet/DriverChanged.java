package com.fleetdesk.fleet;

import com.fleetdesk.base.live.LiveEvent;

public record DriverChanged(long driverId, long depotId) implements LiveEvent {
}
