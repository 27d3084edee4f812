package com.fleetdesk.support;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One message of a conversation, with the intent and confidence the assistant saw in it. */
@Entity
@Table(name = "support_message")
public class SupportMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private long conversationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private MessageSender sender;

    @Column(updatable = false)
    private String author;

    @Column(nullable = false, updatable = false)
    private String text;

    private String intent;

    @Column(name = "corrected_intent")
    private String correctedIntent;

    private Double confidence;

    private Double sentiment;

    /** Slugs of the articles the answer was built from, comma-separated. */
    private String sources;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    protected SupportMessage() {
    }

    SupportMessage(long conversationId, MessageSender sender, String author, String text, Instant sentAt) {
        this.conversationId = conversationId;
        this.sender = sender;
        this.author = author;
        this.text = text;
        this.sentAt = sentAt;
    }

    void classify(String intent, Double confidence) {
        this.intent = intent;
        this.confidence = confidence;
    }

    void correctIntent(String intent) {
        this.correctedIntent = intent;
    }

    public Long getId() {
        return id;
    }

    public long getConversationId() {
        return conversationId;
    }

    public MessageSender getSender() {
        return sender;
    }

    public String getAuthor() {
        return author;
    }

    public String getText() {
        return text;
    }

    public String getIntent() {
        return intent;
    }

    public String getCorrectedIntent() {
        return correctedIntent;
    }

    /** The intent an agent set, or else the one the assistant found. */
    public String effectiveIntent() {
        return correctedIntent != null ? correctedIntent : intent;
    }

    public Double getConfidence() {
        return confidence;
    }

    public Double getSentiment() {
        return sentiment;
    }

    void setSentiment(Double sentiment) {
        this.sentiment = sentiment;
    }

    public String getSources() {
        return sources;
    }

    void setSources(String sources) {
        this.sources = sources;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
