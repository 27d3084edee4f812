package com.fleetdesk.routing.ui;

import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.routing.RoutePlanStatus;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableFunction;

/** Plan status in words, with a matching tone. */
final class PlanBadges {

    private PlanBadges() {
    }

    static StatusBadge status(RoutePlanStatus status) {
        return new StatusBadge(status.label(), tone(status));
    }

    static <T> LitRenderer<T> statusRenderer(SerializableFunction<T, RoutePlanStatus> status) {
        return StatusBadge.renderer(row -> status.apply(row).label(), row -> tone(status.apply(row)));
    }

    private static StatusBadge.Tone tone(RoutePlanStatus status) {
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
