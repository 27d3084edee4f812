package com.fleetdesk.routing.ui;

import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.routing.RoutePlanStatus;

/** Plan status in words, with a matching tone. */
final class PlanBadges {

    private PlanBadges() {
    }

    static StatusBadge status(RoutePlanStatus status) {
        return new StatusBadge(status.label(), tone(status));
    }

    static StatusBadge.Tone tone(RoutePlanStatus status) {
        return switch (status) {
            case DRAFT -> StatusBadge.Tone.NEUTRAL;
            case SOLVING -> StatusBadge.Tone.INFO;
            case SOLVED -> StatusBadge.Tone.SUCCESS;
            case DISPATCHED -> StatusBadge.Tone.SUCCESS;
            case CANCELLED -> StatusBadge.Tone.WARNING;
            case FAILED -> StatusBadge.Tone.ERROR;
        };
    }
}
