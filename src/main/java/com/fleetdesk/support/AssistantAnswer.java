package com.fleetdesk.support;

import java.util.List;

/**
 * What the assistant replies to one message: the text, the intent it recognised with its
 * confidence (0–1), the articles it cites, the tools it used, and whether a person should take
 * over (the customer asked, or opened a ticket) or be offered (it does not know).
 */
record AssistantAnswer(String text, String intent, double confidence, List<Source> sources, List<String> tools,
                       Handover handover, String ticketSubject) {

    record Source(String slug, String title) {
    }

    enum Handover {
        NONE, OFFER, ESCALATE, TICKET
    }

    boolean lowConfidence() {
        return Intents.UNKNOWN.equals(intent);
    }
}
