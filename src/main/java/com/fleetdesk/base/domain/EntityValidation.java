package com.fleetdesk.base.domain;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Set;

/** Bean Validation in services: the server rejects whatever a form would have blocked. */
@Component
public class EntityValidation {

    private final Validator validator;

    EntityValidation(Validator validator) {
        this.validator = validator;
    }

    public <T> T require(T entity) {
        Set<ConstraintViolation<T>> violations = validator.validate(entity);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw new InvalidInputException(first.getPropertyPath().toString(), first.getMessage());
        }
        return entity;
    }
}
