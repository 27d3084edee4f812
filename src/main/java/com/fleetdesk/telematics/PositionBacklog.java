package com.fleetdesk.telematics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Stored batches waiting for one of the followers that read every position after commit (alert
 * rules, journey detection). Batches that queued up while the follower was busy are taken
 * together, so under load it reads and writes each vehicle's state once per round instead of
 * once per batch — the busier the ingest, the cheaper each position.
 */
final class PositionBacklog {

    /** Bounds one round, so one transaction stays short even after a long stall. */
    static final int MAX_ROUND = 20_000;

    private final ConcurrentLinkedQueue<List<PositionWriter.Pending>> waiting = new ConcurrentLinkedQueue<>();

    void add(List<PositionWriter.Pending> batch) {
        waiting.add(batch);
    }

    /** Everything waiting (up to {@link #MAX_ROUND} positions, whole batches), oldest first; empty when a previous round took it. */
    List<PositionWriter.Pending> takeRound() {
        List<PositionWriter.Pending> round = new ArrayList<>();
        List<PositionWriter.Pending> next;
        while (round.size() < MAX_ROUND && (next = waiting.poll()) != null) {
            round.addAll(next);
        }
        return round;
    }
}
