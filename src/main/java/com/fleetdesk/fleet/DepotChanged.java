package com.fleetdesk.fleet;

import com.fleetdesk.base.live.LiveEvent;

public record DepotChanged(long depotId) implements LiveEvent {
}
