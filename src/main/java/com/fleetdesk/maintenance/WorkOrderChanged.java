package com.fleetdesk.maintenance;

import com.fleetdesk.base.live.LiveEvent;

/** A work order was created or changed; work order screens and the due list refresh. */
public record WorkOrderChanged(long workOrderId, long vehicleId, long depotId) implements LiveEvent {
}
