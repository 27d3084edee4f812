package com.fleetdesk.base.ui;

import com.vaadin.flow.component.html.Span;

/**
 * A status shown as text in a coloured pill: the words carry the meaning, the colour only
 * repeats it (WCAG 1.4.1). Tones map to Lumo's badge variants, which meet AA contrast.
 */
public class StatusBadge extends Span {

    public enum Tone { NEUTRAL, SUCCESS, WARNING, ERROR, INFO }

    public StatusBadge(String text, Tone tone) {
        super(text);
        getElement().getThemeList().add("badge");
        switch (tone) {
            case SUCCESS -> getElement().getThemeList().add("success");
            case WARNING -> getElement().getThemeList().add("warning");
            case ERROR -> getElement().getThemeList().add("error");
            case INFO -> getElement().getThemeList().add("contrast");
            case NEUTRAL -> { }
        }
    }
}
