package com.fleetdesk.inventory;

import com.fleetdesk.base.live.LiveEvent;

/** A purchase order, transfer or cycle count changed state; open lists and detail views refresh. */
public record InventoryChanged(Kind kind, long id, String status) implements LiveEvent {

    public enum Kind { PURCHASE_ORDER, TRANSFER, CYCLE_COUNT, CATALOGUE }
}
