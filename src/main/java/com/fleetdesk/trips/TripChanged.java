package com.fleetdesk.trips;

import com.fleetdesk.base.live.LiveEvent;

/** A trip, its expenses or its approval state changed; open grids, detail views and inboxes refresh. */
public record TripChanged(long tripId, long depotId, String ownerUsername, TripStatus status, Kind kind) implements LiveEvent {

    public enum Kind { CREATED, EDITED, EXPENSES, SUBMITTED, DECIDED, DELETED }
}
