package com.fleetdesk.trips;

import com.fleetdesk.base.domain.InvalidInputException;

/** A trip or expense rule was broken; the message says which and how to fix it. */
public class TripRuleException extends InvalidInputException {
    public TripRuleException(String field, String message) {
        super(field, message);
    }
}
