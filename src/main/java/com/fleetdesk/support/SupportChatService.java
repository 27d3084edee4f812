package com.fleetdesk.support;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.FleetAccess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The customer's side of support: chatting with the assistant, being handed to a person,
 * rating the help. Escalation happens when the customer asks for a person (or a ticket), after
 * two answers in a row the assistant was not confident about, or when a message sounds
 * frustrated ({@link Sentiment}), always with the reason recorded on the conversation.
 */
@Service
public class SupportChatService {

    static final int MAX_MESSAGE = 2000;

    private final SupportConversationRepository conversations;
    private final SupportMessageRepository messages;
    private final SupportAssistant assistant;
    private final MessageRateLimit rateLimit;
    private final FleetAccess access;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    SupportChatService(SupportConversationRepository conversations, SupportMessageRepository messages, SupportAssistant assistant,
                       MessageRateLimit rateLimit, FleetAccess access, ApplicationEventPublisher events, PlatformTransactionManager tm) {
        this.conversations = conversations;
        this.messages = messages;
        this.assistant = assistant;
        this.rateLimit = rateLimit;
        this.access = access;
        this.events = events;
        this.transactions = new TransactionTemplate(tm);
    }

    /** The caller's latest conversation unless it is closed (a resolved one waits for its rating). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<SupportConversation> current() {
        return conversations.findFirstByCustomerUsernameOrderByIdDesc(CurrentUser.requireUsername())
                .filter(c -> c.getStatus() != ConversationStatus.CLOSED);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<SupportConversation> history() {
        return conversations.findTop10ByCustomerUsernameOrderByIdDesc(CurrentUser.requireUsername());
    }

    /** Messages of a conversation the caller owns (agents and administrators see every conversation). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<SupportMessage> messages(long conversationId) {
        visible(conversationId);
        return messages.findByConversationIdOrderById(conversationId);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public boolean usesLanguageModel() {
        return assistant.usesLanguageModel();
    }

    /**
     * Sends the caller's message: to the assistant while the conversation is with it (which then
     * answers, or hands over), otherwise to the agent. Starts a conversation when none is open.
     */
    @PreAuthorize("isAuthenticated()")
    public SupportConversation send(String text) {
        String username = CurrentUser.requireUsername();
        String message = text == null ? "" : text.strip();
        if (message.isEmpty()) {
            throw new InvalidInputException("message", "Write a message first");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new InvalidInputException("message", "Keep a message under " + MAX_MESSAGE + " characters");
        }
        rateLimit.acquire(username, clock.millis());
        double sentiment = Sentiment.score(message);
        record Sent(long conversationId, long messageId, ConversationStatus status, List<String> history) {
        }
        Sent sent = transactions.execute(s -> {
            Instant now = clock.instant();
            SupportConversation conversation = conversations.findFirstByCustomerUsernameOrderByIdDesc(username)
                    .filter(c -> c.getStatus().open()).map(c -> conversations.lockById(c.getId()).orElseThrow())
                    .orElseGet(() -> conversations.save(new SupportConversation(username,
                            access.currentAccount().flatMap(a -> a.getDepots().stream().map(Depot::getId).sorted().findFirst()).orElse(null), now)));
            SupportMessage saved = messages.save(withSentiment(new SupportMessage(conversation.getId(), MessageSender.CUSTOMER, username, message, now), sentiment));
            conversation.messageAt(now);
            conversation.readByCustomer(now);
            if (conversation.getSubject() == null) {
                conversation.setSubject(message.length() > 200 ? message.substring(0, 197) + "…" : message);
            }
            List<String> history = messages.findByConversationIdOrderById(conversation.getId()).stream()
                    .filter(m -> !m.getId().equals(saved.getId()) && m.getSender() != MessageSender.SYSTEM)
                    .map(m -> (m.getSender() == MessageSender.CUSTOMER ? "User: " : "Assistant: ") + m.getText()).toList();
            return new Sent(conversation.getId(), saved.getId(), conversation.getStatus(),
                    history.subList(Math.max(0, history.size() - 6), history.size()));
        });
        if (sent.status() != ConversationStatus.BOT) {
            return publish(conversations.findById(sent.conversationId()).orElseThrow());
        }
        // Outside a transaction: a language model may take seconds, and must not hold a connection meanwhile.
        AssistantAnswer answer = assistant.answer(message, sent.history());
        return transactions.execute(s -> {
            Instant now = clock.instant();
            SupportConversation conversation = conversations.lockById(sent.conversationId()).orElseThrow();
            messages.findById(sent.messageId()).ifPresent(m -> m.classify(answer.intent(), answer.confidence()));
            SupportMessage reply = new SupportMessage(conversation.getId(), MessageSender.BOT, null, answer.text(), now);
            reply.classify(answer.intent(), answer.confidence());
            reply.setSources(answer.sources().stream().map(AssistantAnswer.Source::slug).collect(Collectors.joining(",")));
            if (conversation.getStatus() != ConversationStatus.BOT) {
                return publish(conversation); // escalated meanwhile (the customer pressed the button)
            }
            messages.save(reply);
            int streak = conversation.recordConfidence(answer.lowConfidence());
            if (sentiment <= Sentiment.FRUSTRATED) {
                handOver(conversation, EscalationReason.FRUSTRATION, message, now,
                        "I'm sorry this is frustrating. I'm passing you to a person from the support team; they will reply here.");
            } else if (answer.handover() == AssistantAnswer.Handover.ESCALATE) {
                handOver(conversation, EscalationReason.REQUESTED, message, now, null);
            } else if (answer.handover() == AssistantAnswer.Handover.TICKET) {
                handOver(conversation, EscalationReason.TICKET, answer.ticketSubject(), now, null);
            } else if (streak >= 2) {
                handOver(conversation, EscalationReason.LOW_CONFIDENCE, message, now,
                        "I could not answer twice in a row, so I'm passing you to a person from the support team; they will reply here.");
            }
            conversation.messageAt(now);
            return publish(conversation);
        });
    }

    /** "Talk to a person": hands the caller's conversation with the assistant to the agents' queue. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SupportConversation requestPerson() {
        String username = CurrentUser.requireUsername();
        Instant now = clock.instant();
        SupportConversation conversation = conversations.findFirstByCustomerUsernameOrderByIdDesc(username)
                .filter(c -> c.getStatus() == ConversationStatus.BOT).map(c -> conversations.lockById(c.getId()).orElseThrow())
                .orElseThrow(() -> new InvalidInputException("Write your question first, then ask for a person."));
        handOver(conversation, EscalationReason.REQUESTED, "Asked for a person", now, null);
        return publish(conversation);
    }

    /** The assistant's answer solved it. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SupportConversation markSolved(long conversationId) {
        SupportConversation c = own(conversationId);
        c.resolveByBot(clock.instant());
        return publish(c);
    }

    /** Customer satisfaction, 1–5, once resolved; closes the conversation. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SupportConversation rate(long conversationId, int score) {
        SupportConversation c = own(conversationId);
        c.rate(score, clock.instant());
        return publish(c);
    }

    /** Ends a conversation with the assistant or a resolved one without rating it. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SupportConversation close(long conversationId) {
        SupportConversation c = own(conversationId);
        c.close(clock.instant());
        return publish(c);
    }

    /** The problem came back after a resolution: the same conversation goes back to the team. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SupportConversation reopen(long conversationId) {
        SupportConversation c = own(conversationId);
        c.reopen(clock.instant());
        messages.save(new SupportMessage(c.getId(), MessageSender.SYSTEM, null, "The customer reopened the conversation.", clock.instant()));
        return publish(c);
    }

    @PreAuthorize("isAuthenticated()")
    // Screens call this while refreshing on a live event, which can run in the after-commit phase of
    // another user's transaction; joining that finished transaction fails ("No active transaction").
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void markRead(long conversationId) {
        own(conversationId).readByCustomer(clock.instant());
    }

    @PreAuthorize("isAuthenticated()")
    public void typing(long conversationId) {
        events.publishEvent(new SupportTyping(conversationId, CurrentUser.requireUsername(), false));
    }

    private void handOver(SupportConversation conversation, EscalationReason reason, String note, Instant now, String botText) {
        conversation.recordConfidence(false);
        conversation.escalate(reason, note, now);
        if (botText != null) {
            SupportMessage m = new SupportMessage(conversation.getId(), MessageSender.BOT, null, botText, now);
            m.classify(Intents.HUMAN, 1.0);
            messages.save(m);
        }
        messages.save(new SupportMessage(conversation.getId(), MessageSender.SYSTEM, null,
                "Passed to the support team: " + reason.label().toLowerCase(java.util.Locale.ROOT) + ".", now));
    }

    private SupportConversation own(long conversationId) {
        SupportConversation c = conversations.lockById(conversationId)
                .orElseThrow(() -> new InvalidInputException("This conversation no longer exists."));
        if (!c.getCustomerUsername().equalsIgnoreCase(CurrentUser.requireUsername())) {
            throw new AccessDeniedException("This is not your conversation.");
        }
        return c;
    }

    private void visible(long conversationId) {
        SupportConversation c = conversations.findById(conversationId)
                .orElseThrow(() -> new InvalidInputException("This conversation no longer exists."));
        if (!c.getCustomerUsername().equalsIgnoreCase(CurrentUser.requireUsername()) && !CurrentUser.hasAnyRole(Role.ADMIN, Role.SUPPORT_AGENT)) {
            throw new AccessDeniedException("This is not your conversation.");
        }
    }

    private static SupportMessage withSentiment(SupportMessage m, double sentiment) {
        m.setSentiment(sentiment);
        return m;
    }

    private SupportConversation publish(SupportConversation c) {
        events.publishEvent(new SupportConversationChanged(c.getId(), c.getCustomerUsername(), c.getAgentUsername(), c.getStatus()));
        return c;
    }
}
