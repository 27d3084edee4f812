package com.fleetdesk.support.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** "Sam is typing…", announced politely to screen readers, gone a few seconds after the last keystroke event. */
class TypingIndicator extends Span {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("support-typing").unstarted(r));
    private transient ScheduledFuture<?> hide;

    TypingIndicator() {
        addClassName("typing-indicator");
        getElement().setAttribute("aria-live", "polite");
        getStyle().set("font-style", "italic").set("min-height", "1.5em");
    }

    void show(String who) {
        setText(who + " is typing…");
        if (hide != null) {
            hide.cancel(false);
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            hide = TIMER.schedule(() -> ui.access(() -> setText("")), 5, TimeUnit.SECONDS);
        }
    }

    void clear() {
        setText("");
    }
}
