package com.fleetdesk.support;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** A customer's conversations that are with the support team: what they call their tickets. */
@Component
class SupportTickets {

    record Ticket(long id, String subject, ConversationStatus status) {
    }

    private final SupportConversationRepository conversations;

    SupportTickets(SupportConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Transactional(readOnly = true)
    List<Ticket> openTickets(String username) {
        return conversations.findByCustomerUsernameAndStatusInOrderByIdDesc(username,
                        List.of(ConversationStatus.WAITING_FOR_AGENT, ConversationStatus.WITH_AGENT)).stream()
                .map(c -> new Ticket(c.getId(), c.getSubject(), c.getStatus())).toList();
    }
}
