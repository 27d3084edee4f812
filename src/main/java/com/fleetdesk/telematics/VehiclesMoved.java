package com.fleetdesk.telematics;

import com.fleetdesk.base.live.LiveEvent;

import java.util.List;

/** New positions were stored; open maps move the markers. Sent in chunks to stay small. */
public record VehiclesMoved(List<VehicleMove> moves) implements LiveEvent {

    /** Moves per event: keeps one NOTIFY to other nodes under PostgreSQL's 8000-byte payload limit. */
    public static final int MAX_MOVES = 50;
}
