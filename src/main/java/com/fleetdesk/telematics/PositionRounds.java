package com.fleetdesk.telematics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Hands stored positions to one follower that reads every position after commit (last positions,
 * alert rules, journey detection) on its own thread, in rounds at most one {@code interval}
 * apart. Batches that arrive meanwhile are taken together, so the follower reads and writes each
 * vehicle's state once per round however many positions the vehicle sent: the busier the ingest,
 * the cheaper each position, at the cost of at most one interval of delay.
 */
final class PositionRounds {

    private static final Logger log = LoggerFactory.getLogger(PositionRounds.class);
    /** Bounds one round, so one transaction stays short even after a long stall. */
    static final int MAX_ROUND = 20_000;

    private final String name;
    private final long intervalNanos;
    private final Consumer<List<PositionWriter.Pending>> follower;
    private final ConcurrentLinkedQueue<List<PositionWriter.Pending>> waiting = new ConcurrentLinkedQueue<>();
    private final ExecutorService worker;
    private long lastRoundAt = System.nanoTime();

    PositionRounds(String name, Duration interval, Consumer<List<PositionWriter.Pending>> follower) {
        this.name = name;
        this.intervalNanos = interval.toNanos();
        this.follower = follower;
        this.worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name(name).unstarted(r));
    }

    /** Each vehicle's positions, oldest fix first (a vehicle's few are sorted only when they arrived out of order). */
    static Map<Long, List<PositionWriter.Pending>> byVehicleInTimeOrder(List<PositionWriter.Pending> positions) {
        Map<Long, List<PositionWriter.Pending>> byVehicle = new HashMap<>();
        Set<Long> unordered = new HashSet<>();
        for (PositionWriter.Pending p : positions) {
            List<PositionWriter.Pending> track = byVehicle.computeIfAbsent(p.vehicleId(), id -> new ArrayList<>());
            if (!track.isEmpty() && p.report().fixTime().isBefore(track.getLast().report().fixTime())) {
                unordered.add(p.vehicleId());
            }
            track.add(p);
        }
        for (Long vehicleId : unordered) {
            byVehicle.get(vehicleId).sort(Comparator.comparing(p -> p.report().fixTime()));
        }
        return byVehicle;
    }

    void add(List<PositionWriter.Pending> stored) {
        waiting.add(stored);
        worker.execute(this::round);
    }

    /** Runs other work of the follower (a scheduled check) on the same thread, between rounds. */
    void execute(Runnable task) {
        worker.execute(task);
    }

    /** Returns once everything added before has been followed. */
    void awaitIdle() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        worker.execute(done::countDown);
        done.await();
    }

    private void round() {
        if (waiting.isEmpty()) {
            return; // an earlier round took these along
        }
        long wait = lastRoundAt + intervalNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        lastRoundAt = System.nanoTime();
        List<PositionWriter.Pending> round = new ArrayList<>();
        List<PositionWriter.Pending> next;
        while (round.size() < MAX_ROUND && (next = waiting.poll()) != null) {
            round.addAll(next);
        }
        try {
            follower.accept(round);
        } catch (RuntimeException e) {
            log.warn("{} failed for {} positions: {}", name, round.size(), e.getMessage());
        }
    }
}
