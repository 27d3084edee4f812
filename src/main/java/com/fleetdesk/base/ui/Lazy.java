package com.fleetdesk.base.ui;

import com.vaadin.flow.function.SerializableSupplier;

/**
 * A part of a screen made when first wanted (an edit form most visits never open), then kept.
 * Screens are used by one request at a time (the session lock), so no synchronisation.
 */
public final class Lazy<T> implements SerializableSupplier<T> {

    private final SerializableSupplier<T> make;
    private T made;

    private Lazy(SerializableSupplier<T> make) {
        this.make = make;
    }

    public static <T> Lazy<T> of(SerializableSupplier<T> make) {
        return new Lazy<>(make);
    }

    @Override
    public T get() {
        if (made == null) {
            made = make.get();
        }
        return made;
    }
}
