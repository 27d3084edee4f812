package com.fleetdesk.support.ui;

import com.fleetdesk.support.MessageSender;
import com.fleetdesk.support.SupportMessage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One message in a chat transcript: who, when, what; the sender is written out, not only shown by alignment. */
class MessageBubble extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));

    MessageBubble(SupportMessage m, String customerLabel) {
        addClassName("support-message");
        addClassName("from-" + m.getSender().name().toLowerCase(Locale.ROOT));
        String who = switch (m.getSender()) {
            case CUSTOMER -> customerLabel;
            case BOT -> "Assistant";
            case AGENT -> m.getAuthor() + " (support)";
            case SYSTEM -> "Fleetdesk";
        };
        Span header = new Span(who + " · " + TIME.format(m.getSentAt()));
        header.addClassName("support-message-header");
        Paragraph text = new Paragraph(m.getText());
        text.getStyle().set("white-space", "pre-line").set("margin", "0.25em 0 0 0");
        add(header, text);
        getStyle().set("padding", "0.5em 0.75em").set("border-radius", "0.5em").set("margin", "0.25em 0").set("max-width", "46em")
                .set("background", m.getSender() == MessageSender.CUSTOMER ? "var(--lumo-primary-color-10pct)" : "var(--lumo-contrast-5pct)")
                .set("align-self", m.getSender() == MessageSender.CUSTOMER ? "flex-end" : "flex-start");
    }
}
