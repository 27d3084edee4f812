package com.fleetdesk.fleet;

import com.fleetdesk.base.live.LiveEvent;

/** A vehicle was created or changed; open vehicle lists and maps refresh. */
public record VehicleChanged(long vehicleId, long depotId) implements LiveEvent {
}
