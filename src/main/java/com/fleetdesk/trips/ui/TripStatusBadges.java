package com.fleetdesk.trips.ui;

import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.trips.TripStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;

/** Trip status and policy state as text badges (colour only repeats the words). */
final class TripStatusBadges {

    private TripStatusBadges() {
    }

    static StatusBadge status(TripStatus status) {
        return new StatusBadge(status.label(), switch (status) {
            case DRAFT -> StatusBadge.Tone.NEUTRAL;
            case SUBMITTED -> StatusBadge.Tone.INFO;
            case APPROVED -> StatusBadge.Tone.SUCCESS;
            case REJECTED -> StatusBadge.Tone.ERROR;
        });
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
}
