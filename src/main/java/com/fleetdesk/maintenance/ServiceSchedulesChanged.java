package com.fleetdesk.maintenance;

import com.fleetdesk.base.live.LiveEvent;

/** A service schedule was added or changed; the schedule editor and the due list refresh. */
public record ServiceSchedulesChanged(long scheduleId) implements LiveEvent {
}
