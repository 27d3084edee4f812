package com.fleetdesk.support;

import com.fleetdesk.trips.TripRow;

import java.util.List;

/** What an agent sees about the customer next to the conversation. */
public record CustomerContext(String username, String fullName, List<String> roles, List<String> depots, String vehicle,
                              List<TripRow> recentTrips, List<SupportConversation> previousConversations) {
}
