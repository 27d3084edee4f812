package com.fleetdesk.base.ui.map;

import java.util.regex.Pattern;

/** Checks shared by the map records. */
final class MapStyle {

    /** Hex, rgb()/hsl(), a named colour or var(--lumo-...): no quotes, semicolons or other CSS syntax. */
    private static final Pattern COLOUR = Pattern.compile("[#a-zA-Z0-9(),.%\\s-]{1,64}");

    static final String DEFAULT_COLOUR = "#1565c0";

    private MapStyle() {
    }

    static String id(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + ": id must not be blank");
        }
        return id;
    }

    static String colour(String colour, String what) {
        if (colour == null || colour.isBlank()) {
            return DEFAULT_COLOUR;
        }
        String trimmed = colour.strip();
        if (!COLOUR.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(what + ": not a CSS colour: " + colour);
        }
        return trimmed;
    }

    static String text(String text) {
        return text == null ? "" : text;
    }
}
