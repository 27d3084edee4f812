package com.fleetdesk.inventory;

import com.fleetdesk.base.live.LiveEvent;

/** Quantities of a part changed at one or two locations; open stock grids refresh. */
public record StockChanged(long partId, long locationId, MovementType type) implements LiveEvent {
}
