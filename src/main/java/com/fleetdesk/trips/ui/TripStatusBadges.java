package com.fleetdesk.trips.ui;

import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.trips.TripStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableFunction;

/** Trip status and policy state as text badges (colour only repeats the words). */
final class TripStatusBadges {

    private TripStatusBadges() {
    }

    static StatusBadge status(TripStatus status) {
        return new StatusBadge(status.label(), tone(status));
    }

    static StatusBadge.Tone tone(TripStatus status) {
        return switch (status) {
            case DRAFT -> StatusBadge.Tone.NEUTRAL;
            case SUBMITTED -> StatusBadge.Tone.INFO;
            case APPROVED -> StatusBadge.Tone.SUCCESS;
            case REJECTED -> StatusBadge.Tone.ERROR;
        };
    }

    static Component policy(String violations) {
        if (violations == null) {
            return new Span("Within policy");
        }
        StatusBadge badge = new StatusBadge("Policy breach", StatusBadge.Tone.WARNING);
        badge.getElement().setAttribute("title", violations);
        Span reason = new Span(badge, new Span(" " + violations));
        reason.addClassName("policy-reason");
        return reason;
    }

    /** {@link #policy} for every row of a grid column, as one template. */
    static <T> LitRenderer<T> policyRenderer(SerializableFunction<T, String> violations) {
        return LitRenderer.<T>of("""
                ${item.violations == null ? 'Within policy' : html`<span class="policy-reason"><span theme="badge warning" \
                title="${item.violations}">Policy breach</span> ${item.violations}</span>`}""")
                .withProperty("violations", violations::apply);
    }
}
