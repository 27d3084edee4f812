package com.fleetdesk.telematics;

import com.fleetdesk.base.live.LiveEvent;

import java.util.List;

/** New positions were stored; open maps move the markers. Sent in chunks to stay small. */
public record VehiclesMoved(List<VehicleMove> moves) implements LiveEvent {
}
