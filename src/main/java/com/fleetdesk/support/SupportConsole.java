package com.fleetdesk.support;

import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.trips.TripFilter;
import com.fleetdesk.trips.TripLogService;
import com.fleetdesk.trips.TripRow;
import com.fleetdesk.trips.TripSort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The agents' side of support: the queue, taking over, replying, transferring, resolving, presence. */
@Service
public class SupportConsole {

    private final SupportConversationRepository conversations;
    private final SupportMessageRepository messages;
    private final CannedResponseRepository canned;
    private final EmbeddedAssistant assistant;
    private final FleetDirectory directory;
    private final TripLogService trips;
    private final JdbcClient jdbc;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    SupportConsole(SupportConversationRepository conversations, SupportMessageRepository messages, CannedResponseRepository canned,
                   EmbeddedAssistant assistant, FleetDirectory directory, TripLogService trips, JdbcClient jdbc,
                   EntityValidation validation, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.messages = messages;
        this.canned = canned;
        this.assistant = assistant;
        this.directory = directory;
        this.trips = trips;
        this.jdbc = jdbc;
        this.validation = validation;
        this.events = events;
    }

    /** Conversations waiting for an agent (longest wait first) and those with an agent. */
    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public List<QueueEntry> queue() {
        Instant now = clock.instant();
        return conversations.queue().stream().map(c -> new QueueEntry(c.getId(), c.getCustomerUsername(), c.getSubject(), c.getStatus(),
                c.getAgentUsername(), c.getEscalationReason(), c.getEscalatedAt(), c.waitingTime(now),
                c.getAgentReadAt() == null || c.getAgentReadAt().isBefore(c.getLastMessageAt()))).toList();
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public SupportConversation conversation(long id) {
        return conversations.findById(id).orElseThrow(() -> new InvalidInputException("This conversation no longer exists."));
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public List<SupportMessage> messages(long conversationId) {
        return messages.findByConversationIdOrderById(conversationId);
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public SupportConversation takeOver(long conversationId) {
        SupportConversation c = locked(conversationId);
        String me = CurrentUser.requireUsername();
        c.takeOver(me, clock.instant());
        system(c, me + " joined the conversation.");
        c.readByAgent(clock.instant());
        return publish(c);
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public SupportConversation reply(long conversationId, String text) {
        String reply = text == null ? "" : text.strip();
        if (reply.isEmpty()) {
            throw new InvalidInputException("reply", "Write a reply first");
        }
        if (reply.length() > SupportChatService.MAX_MESSAGE) {
            throw new InvalidInputException("reply", "Keep a reply under " + SupportChatService.MAX_MESSAGE + " characters");
        }
        SupportConversation c = locked(conversationId);
        String me = CurrentUser.requireUsername();
        if (c.getStatus() != ConversationStatus.WITH_AGENT || !me.equalsIgnoreCase(c.getAgentUsername())) {
            throw new InvalidInputException("reply", c.getStatus() == ConversationStatus.WITH_AGENT
                    ? "This conversation is handled by " + c.getAgentUsername() + "." : "Take the conversation over first.");
        }
        Instant now = clock.instant();
        messages.save(new SupportMessage(c.getId(), MessageSender.AGENT, me, reply, now));
        c.messageAt(now);
        c.readByAgent(now);
        return publish(c);
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public SupportConversation transfer(long conversationId, String toAgent) {
        SupportConversation c = locked(conversationId);
        if (toAgent == null || agents().stream().noneMatch(a -> a.username().equalsIgnoreCase(toAgent))) {
            throw new InvalidInputException("agent", "Choose an agent who has used the console");
        }
        String me = CurrentUser.requireUsername();
        c.transferTo(me, toAgent);
        system(c, me + " transferred the conversation to " + toAgent + ".");
        return publish(c);
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public SupportConversation resolve(long conversationId, String note) {
        SupportConversation c = locked(conversationId);
        c.resolve(CurrentUser.requireUsername(), note, clock.instant());
        system(c, "Resolved: " + c.getResolutionNote() + " Please rate the help you got.");
        return publish(c);
    }

    /** Sets the intent a message really had (the assistant's guess is kept for comparison). */
    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public SupportMessage correctIntent(long messageId, String intent) {
        SupportMessage m = messages.findById(messageId).orElseThrow(() -> new InvalidInputException("This message no longer exists."));
        if (m.getSender() != MessageSender.CUSTOMER) {
            throw new InvalidInputException("intent", "Only a customer's message has an intent to correct");
        }
        if (intent == null || !assistant.knownIntents().contains(intent)) {
            throw new InvalidInputException("intent", "Choose one of the known intents");
        }
        m.correctIntent(intent);
        SupportConversation c = conversation(m.getConversationId());
        publish(c);
        return m;
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    public List<String> intents() {
        return assistant.knownIntents();
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    // Screens call this while refreshing on a live event, which can run in the after-commit phase of
    // another user's transaction; joining that finished transaction fails ("No active transaction").
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void markRead(long conversationId) {
        locked(conversationId).readByAgent(clock.instant());
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    public void typing(long conversationId) {
        events.publishEvent(new SupportTyping(conversationId, CurrentUser.requireUsername(), true));
    }

    // ---- customer context ---------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public CustomerContext customerContext(long conversationId) {
        SupportConversation c = conversation(conversationId);
        String customer = c.getCustomerUsername();
        FleetDirectory.AccountProfile profile = directory.accountProfile(customer).orElse(null);
        List<TripRow> recent = profile == null || profile.driverId() == null ? List.of()
                : trips.page(new TripFilter(null, null, Set.of(), null, profile.driverId(), null, null), List.of(TripSort.newestFirst()), 0, 5);
        List<SupportConversation> previous = conversations.findTop10ByCustomerUsernameOrderByIdDesc(customer).stream()
                .filter(p -> p.getId() != conversationId).toList();
        return profile == null
                ? new CustomerContext(customer, customer, List.of(), List.of(), null, recent, previous)
                : new CustomerContext(customer, profile.fullName(), profile.roles(), profile.depotNames(), profile.vehicleRegistration(), recent, previous);
    }

    // ---- canned responses ----------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public List<CannedResponse> cannedResponses() {
        return canned.findAllByOrderByTitle();
    }

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public CannedResponse saveCannedResponse(CannedResponse response) {
        validation.require(response);
        canned.findAllByOrderByTitle().stream()
                .filter(o -> o.getTitle().equalsIgnoreCase(response.getTitle().strip()) && !o.getId().equals(response.getId())).findFirst()
                .ifPresent(o -> {
                    throw new InvalidInputException("title", "Another canned response already has this title");
                });
        return canned.saveAndFlush(response);
    }

    // ---- presence -------------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional
    public void setOnline(boolean online) {
        String me = CurrentUser.requireUsername();
        jdbc.sql("""
                        insert into support_agent_presence (username, online, changed_at) values (?, ?, now())
                        on conflict (username) do update set online = excluded.online, changed_at = excluded.changed_at
                        """).params(me, online).update();
        events.publishEvent(new AgentPresenceChanged(me, online));
    }

    /** Every agent who has used the console, online ones first. */
    @Secured({Authority.ADMIN, Authority.SUPPORT_AGENT})
    @Transactional(readOnly = true)
    public List<AgentPresence> agents() {
        return jdbc.sql("select username, online, changed_at from support_agent_presence order by online desc, username")
                .query((rs, i) -> new AgentPresence(rs.getString(1), rs.getBoolean(2), rs.getObject(3, Timestamp.class).toInstant())).list();
    }

    private SupportConversation locked(long id) {
        return conversations.lockById(id).orElseThrow(() -> new InvalidInputException("This conversation no longer exists."));
    }

    private void system(SupportConversation c, String text) {
        Instant now = clock.instant();
        messages.save(new SupportMessage(c.getId(), MessageSender.SYSTEM, null, text, now));
        c.messageAt(now);
    }

    private SupportConversation publish(SupportConversation c) {
        events.publishEvent(new SupportConversationChanged(c.getId(), c.getCustomerUsername(), c.getAgentUsername(), c.getStatus()));
        return c;
    }
}
