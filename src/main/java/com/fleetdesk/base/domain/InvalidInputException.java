package com.fleetdesk.base.domain;

import java.util.Optional;

/**
 * Input a service refused, with the field it concerns when there is one, so a form can show
 * the message next to that field and an endpoint can answer 400 with the reason.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInputException(String message) {
        this(null, message);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
