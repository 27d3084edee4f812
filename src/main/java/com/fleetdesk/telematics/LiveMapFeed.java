package com.fleetdesk.telematics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds stored positions to open maps (and other nodes) as {@link VehiclesMoved}, at most once
 * per {@code fleetdesk.map.update-interval-ms} (default 100 ms) with only each vehicle's newest
 * fix, and each vehicle at most once per {@code fleetdesk.map.vehicle-refresh-ms} (default
 * 1 s). A map cannot show a marker moving twenty times a second anyway; coalescing keeps a busy
 * ingest from sending a push, a NOTIFY and a cache eviction per batch, and a tracker reporting
 * five times a second from costing every open map five marker updates a second. A vehicle that
 * reports less often than the refresh (trackers usually report every 5–30 s) is passed on at the
 * next interval; one that reports faster shows its newest fix once per refresh.
 *
 * <p>A map of the whole fleet also gets at most {@code fleetdesk.map.max-moves-per-second}
 * (default 1,000) marker moves a second: with more vehicles reporting than that, each one's
 * refresh is stretched to match (2,000 vehicles: every 2 s). Beyond it a browser spends its time
 * redrawing markers no one can follow, and the server its time sending them (in the load
 * benchmark, the maps' fan-out took the CPU the trackers needed).
 */
@Component
class LiveMapFeed implements SmartLifecycle {

    private final ApplicationEventPublisher events;
    private final long intervalMs;
    private final long vehicleRefreshNanos;
    private final long maxMovesPerSecond;
    /** The refresh in force: the configured one, or longer when more vehicles report than the budget allows; guarded by this. */
    private long refreshNanos;
    private final java.util.concurrent.ConcurrentLinkedQueue<List<PositionWriter.Pending>> arrived = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<Long, PositionWriter.Pending> newest = new HashMap<>(); // guarded by this
    /** When each vehicle was last published (System.nanoTime); guarded by this. */
    private final Map<Long, Long> publishedAt = new HashMap<>();
    private volatile boolean running;
    private Thread publisher;

    LiveMapFeed(ApplicationEventPublisher events, @Value("${fleetdesk.map.update-interval-ms:100}") long intervalMs,
                @Value("${fleetdesk.map.vehicle-refresh-ms:1000}") long vehicleRefreshMs,
                @Value("${fleetdesk.map.max-moves-per-second:1000}") long maxMovesPerSecond) {
        this.events = events;
        this.intervalMs = Math.max(10, intervalMs);
        this.vehicleRefreshNanos = Math.max(0, vehicleRefreshMs) * 1_000_000L;
        this.maxMovesPerSecond = Math.max(1, maxMovesPerSecond);
        this.refreshNanos = vehicleRefreshNanos;
    }

    /**
     * Hands stored positions over to be remembered (each vehicle's newest) until the next
     * publication. Called by the writer between two batches, so it only queues: the sorting out
     * happens on the feed's own thread.
     */
    void offer(List<PositionWriter.Pending> stored) {
        arrived.add(stored);
    }

    private void takeArrived() {
        for (List<PositionWriter.Pending> stored; (stored = arrived.poll()) != null; ) {
            for (PositionWriter.Pending p : stored) {
                PositionWriter.Pending current = newest.putIfAbsent(p.vehicleId(), p);
                if (current != null && p.report().fixTime().isAfter(current.report().fixTime())) {
                    newest.put(p.vehicleId(), p);
                }
            }
        }
    }

    /**
     * Publishes what has gathered since the last call, except vehicles published less than a
     * refresh ago (they wait, newest fix kept, for a later call); returns the number of vehicles moved.
     */
    int publishNow() {
        return publish(System.nanoTime());
    }

    int publish(long nowNanos) {
        List<VehicleMove> moves;
        synchronized (this) {
            takeArrived();
            if (newest.isEmpty()) {
                return 0;
            }
            long refresh = refresh(nowNanos);
            moves = new ArrayList<>(newest.size());
            for (var it = newest.values().iterator(); it.hasNext(); ) {
                PositionWriter.Pending p = it.next();
                Long last = publishedAt.get(p.vehicleId());
                if (last == null || nowNanos - last >= refresh) {
                    PositionReport r = p.report();
                    moves.add(new VehicleMove(p.vehicleId(), r.latitude(), r.longitude(), r.speedKmh(), r.heading(), r.ignition(), r.fuelPct(),
                            r.fixTime()));
                    publishedAt.put(p.vehicleId(), nowNanos);
                    it.remove();
                }
            }
        }
        // Outside the lock: listeners (maps, caches, other nodes) must not hold up the writer's offer().
        for (int i = 0; i < moves.size(); i += VehiclesMoved.MAX_MOVES) {
            events.publishEvent(new VehiclesMoved(List.copyOf(moves.subList(i, Math.min(moves.size(), i + VehiclesMoved.MAX_MOVES)))));
        }
        return moves.size();
    }

    /**
     * The refresh for the vehicles reporting now: those published within the last 10 s (or two
     * refreshes, if longer) share the per-second budget. Vehicles quiet for longer are forgotten:
     * their next fix goes out at once.
     */
    private long refresh(long nowNanos) {
        long window = Math.max(10_000_000_000L, 2 * refreshNanos);
        long reporting = 0;
        for (var it = publishedAt.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next() < window) {
                reporting++;
            } else {
                it.remove();
            }
        }
        refreshNanos = Math.max(vehicleRefreshNanos, reporting * 1_000_000_000L / maxMovesPerSecond);
        return refreshNanos;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(intervalMs);
                publishNow();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // Stored is stored: a failing listener costs the maps one update, not the positions.
                org.slf4j.LoggerFactory.getLogger(LiveMapFeed.class).warn("Live map update failed: {}", e.getMessage());
            }
        }
        try {
            publishNow(); // what the last positions before shutdown moved
        } catch (RuntimeException e) {
            // shutting down: other nodes read these positions from the database anyway
        }
    }

    @Override
    public void start() {
        running = true;
        publisher = Thread.ofPlatform().daemon().name("live-map-feed").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (publisher != null) {
            publisher.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
