package com.fleetdesk.base.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableFunction;

/**
 * A status shown as text in a coloured pill: the words carry the meaning, the colour only
 * repeats it (WCAG 1.4.1). Tones map to Lumo's badge variants, which meet AA contrast.
 */
public class StatusBadge extends Span {

    public enum Tone {
        NEUTRAL(""), SUCCESS("success"), WARNING("warning"), ERROR("error"), INFO("contrast");

        private final String theme;

        Tone(String theme) {
            this.theme = theme;
        }
    }

    public StatusBadge(String text, Tone tone) {
        super(text);
        getElement().getThemeList().add("badge");
        if (!tone.theme.isEmpty()) {
            getElement().getThemeList().add(tone.theme);
        }
    }

    /**
     * The same badge for every row of a grid column, as a template filled with two strings per row:
     * a component per cell would cost each page of rows its own component tree to build, send and
     * keep in the session (an eighth of the server's CPU in the load benchmark).
     */
    public static <T> LitRenderer<T> renderer(SerializableFunction<T, String> text, SerializableFunction<T, Tone> tone) {
        return LitRenderer.<T>of("<span theme=\"badge ${item.tone}\">${item.text}</span>")
                .withProperty("text", text::apply)
                .withProperty("tone", row -> tone.apply(row).theme);
    }

    /** {@link #renderer(SerializableFunction, SerializableFunction)} for a column showing a row's status (usually an enum). */
    public static <T, S> LitRenderer<T> renderer(SerializableFunction<T, S> status, SerializableFunction<S, String> words,
                                                 SerializableFunction<S, Tone> tone) {
        return renderer(row -> words.apply(status.apply(row)), row -> tone.apply(status.apply(row)));
    }
}
