package com.fleetdesk.support;

import java.util.List;

/** The intents the assistant tells apart; articles are intents too, as {@code article:<slug>}. */
final class Intents {

    static final String VEHICLE_STATUS = "tool:vehicle_status";
    static final String TRIP_STATUS = "tool:trip_status";
    static final String STOCK_LEVEL = "tool:stock_level";
    static final String MY_TICKETS = "tool:my_tickets";
    static final String OPEN_TICKET = "tool:open_ticket";
    static final String HUMAN = "escalate";
    static final String GREETING = "smalltalk:greeting";
    static final String THANKS = "smalltalk:thanks";
    static final String UNKNOWN = "unknown";
    static final String ARTICLE_PREFIX = "article:";

    static final List<String> FIXED = List.of(VEHICLE_STATUS, TRIP_STATUS, STOCK_LEVEL, MY_TICKETS, OPEN_TICKET, HUMAN, GREETING, THANKS, UNKNOWN);

    private Intents() {
    }

    static String article(String slug) {
        return ARTICLE_PREFIX + slug;
    }
}
