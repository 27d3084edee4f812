package com.fleetdesk.trips;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** One step in a trip's approval history: who did what, when, and why. Never changed. */
@Entity
@Table(name = "trip_approval")
public class TripApproval {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "trip_id")
    private TripLog trip;

    @Enumerated(EnumType.STRING)
    private ApprovalAction action;

    private String actor;

    @Column(name = "acted_at")
    private Instant actedAt;

    private String comment;

    protected TripApproval() {
    }

    TripApproval(TripLog trip, ApprovalAction action, String actor, Instant actedAt, String comment) {
        this.trip = trip;
        this.action = action;
        this.actor = actor;
        this.actedAt = actedAt;
        this.comment = comment;
    }

    public ApprovalAction getAction() {
        return action;
    }

    public String getActor() {
        return actor;
    }

    public Instant getActedAt() {
        return actedAt;
    }

    public String getComment() {
        return comment;
    }
}
