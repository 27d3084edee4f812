package com.fleetdesk.support;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * A customer's conversation with support. The state machine is BOT → WAITING_FOR_AGENT →
 * WITH_AGENT → RESOLVED → CLOSED (the assistant may also resolve it straight from BOT); every
 * transition is a method here that refuses what does not fit the current state.
 */
@Entity
@Table(name = "support_conversation")
public class SupportConversation extends AuditedEntity {

    @Column(name = "customer_username", nullable = false, updatable = false)
    private String customerUsername;

    @Column(name = "customer_depot_id")
    private Long customerDepotId;

    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConversationStatus status = ConversationStatus.BOT;

    @Column(name = "agent_username")
    private String agentUsername;

    @Enumerated(EnumType.STRING)
    @Column(name = "escalation_reason")
    private EscalationReason escalationReason;

    @Column(name = "escalation_note")
    private String escalationNote;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Column(name = "taken_at")
    private Instant takenAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "resolution_note")
    private String resolutionNote;

    @Column(name = "resolved_by_bot", nullable = false)
    private boolean resolvedByBot;

    @Column(nullable = false)
    private int transfers;

    @Column(nullable = false)
    private boolean reopened;

    @Column(name = "low_confidence_streak", nullable = false)
    private int lowConfidenceStreak;

    private Short csat;

    @Column(name = "customer_read_at")
    private Instant customerReadAt;

    @Column(name = "agent_read_at")
    private Instant agentReadAt;

    @Column(name = "last_message_at", nullable = false)
    private Instant lastMessageAt;

    protected SupportConversation() {
    }

    SupportConversation(String customerUsername, Long customerDepotId, Instant now) {
        this.customerUsername = customerUsername;
        this.customerDepotId = customerDepotId;
        this.lastMessageAt = now;
        this.customerReadAt = now;
    }

    /** Hands the conversation to the agents' queue, recording why. */
    void escalate(EscalationReason reason, String note, Instant now) {
        if (status != ConversationStatus.BOT) {
            throw new InvalidInputException(status == ConversationStatus.WAITING_FOR_AGENT || status == ConversationStatus.WITH_AGENT
                    ? "This conversation is already with the support team." : "This conversation is finished; start a new one.");
        }
        status = ConversationStatus.WAITING_FOR_AGENT;
        escalationReason = reason;
        escalationNote = note == null ? null : note.length() > 500 ? note.substring(0, 500) : note;
        escalatedAt = now;
        if (subject == null && note != null && !note.isBlank()) {
            subject = note.length() > 200 ? note.substring(0, 200) : note;
        }
    }

    void takeOver(String agent, Instant now) {
        if (status != ConversationStatus.WAITING_FOR_AGENT) {
            throw new InvalidInputException(status == ConversationStatus.WITH_AGENT
                    ? "Another agent has already taken this conversation." : "This conversation is not waiting for an agent.");
        }
        status = ConversationStatus.WITH_AGENT;
        agentUsername = agent;
        takenAt = now;
    }

    void transferTo(String currentAgent, String otherAgent) {
        requireHandledBy(currentAgent);
        if (otherAgent == null || otherAgent.equalsIgnoreCase(currentAgent)) {
            throw new InvalidInputException("agent", "Choose another agent to transfer to");
        }
        agentUsername = otherAgent;
        transfers++;
    }

    void resolve(String agent, String note, Instant now) {
        requireHandledBy(agent);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "Write what solved the problem");
        }
        if (note.length() > 2000) {
            throw new InvalidInputException("note", "Keep the resolution note under 2,000 characters");
        }
        status = ConversationStatus.RESOLVED;
        resolutionNote = note.strip();
        resolvedAt = now;
    }

    /** The customer says the assistant's answer solved it. */
    void resolveByBot(Instant now) {
        if (status != ConversationStatus.BOT) {
            throw new InvalidInputException("Only a conversation with the assistant can be marked solved by it.");
        }
        status = ConversationStatus.RESOLVED;
        resolvedByBot = true;
        resolvedAt = now;
        resolutionNote = "Answered by the assistant";
    }

    void rate(int score, Instant now) {
        if (status != ConversationStatus.RESOLVED) {
            throw new InvalidInputException("rating", "You can rate a conversation once it is resolved");
        }
        if (score < 1 || score > 5) {
            throw new InvalidInputException("rating", "Rate from 1 (poor) to 5 (excellent)");
        }
        csat = (short) score;
        close(now);
    }

    void close(Instant now) {
        if (status == ConversationStatus.CLOSED) {
            return;
        }
        if (status == ConversationStatus.WAITING_FOR_AGENT || status == ConversationStatus.WITH_AGENT) {
            throw new InvalidInputException("The support team is still working on this conversation.");
        }
        if (status == ConversationStatus.BOT) {
            // Left by the customer without escalating: the assistant was all they needed.
            resolvedByBot = true;
            resolvedAt = now;
        }
        status = ConversationStatus.CLOSED;
        closedAt = now;
    }

    /** The customer writes again after a resolution: back to the queue, counted as not solved first time. */
    void reopen(Instant now) {
        if (status != ConversationStatus.RESOLVED) {
            throw new InvalidInputException("Only a resolved conversation can be reopened.");
        }
        reopened = true;
        resolvedAt = null;
        resolvedByBot = false;
        status = agentUsername == null ? ConversationStatus.WAITING_FOR_AGENT : ConversationStatus.WITH_AGENT;
        if (escalatedAt == null) {
            escalatedAt = now;
            escalationReason = EscalationReason.REQUESTED;
        }
    }

    /** Counts consecutive low-confidence answers; returns the new streak. */
    int recordConfidence(boolean low) {
        lowConfidenceStreak = low ? lowConfidenceStreak + 1 : 0;
        return lowConfidenceStreak;
    }

    void messageAt(Instant now) {
        lastMessageAt = now;
    }

    void readByCustomer(Instant now) {
        customerReadAt = now;
    }

    void readByAgent(Instant now) {
        agentReadAt = now;
    }

    private void requireHandledBy(String agent) {
        if (status != ConversationStatus.WITH_AGENT) {
            throw new InvalidInputException("Take the conversation over first.");
        }
        if (!agent.equalsIgnoreCase(agentUsername)) {
            throw new InvalidInputException("This conversation is handled by " + agentUsername + ".");
        }
    }

    public Duration waitingTime(Instant now) {
        return escalatedAt == null ? Duration.ZERO : Duration.between(escalatedAt, takenAt == null ? now : takenAt);
    }

    public String getCustomerUsername() {
        return customerUsername;
    }

    public Long getCustomerDepotId() {
        return customerDepotId;
    }

    public String getSubject() {
        return subject;
    }

    void setSubject(String subject) {
        this.subject = subject;
    }

    public ConversationStatus getStatus() {
        return status;
    }

    public String getAgentUsername() {
        return agentUsername;
    }

    public EscalationReason getEscalationReason() {
        return escalationReason;
    }

    public String getEscalationNote() {
        return escalationNote;
    }

    public Instant getEscalatedAt() {
        return escalatedAt;
    }

    public Instant getTakenAt() {
        return takenAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public String getResolutionNote() {
        return resolutionNote;
    }

    public boolean isResolvedByBot() {
        return resolvedByBot;
    }

    public int getTransfers() {
        return transfers;
    }

    public Integer getCsat() {
        return csat == null ? null : csat.intValue();
    }

    public Instant getCustomerReadAt() {
        return customerReadAt;
    }

    public Instant getAgentReadAt() {
        return agentReadAt;
    }

    public Instant getLastMessageAt() {
        return lastMessageAt;
    }
}
