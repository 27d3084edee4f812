package com.fleetdesk.base.live;

/**
 * A domain event that open screens may want to react to. Publish it with Spring's
 * {@code ApplicationEventPublisher}: after the surrounding transaction commits it reaches
 * every subscribed UI on this node and, through PostgreSQL NOTIFY, on every other node
 * sharing the database. Implementations are small JSON-serialisable records (ids and a
 * few fields, well under PostgreSQL's 8000-byte NOTIFY limit).
 */
public interface LiveEvent {
}
