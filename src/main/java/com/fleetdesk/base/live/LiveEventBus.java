package com.fleetdesk.base.live;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries {@link LiveEvent}s to open UIs on every node. Local events are delivered after
 * commit and forwarded with {@code pg_notify}; a listener connection receives other nodes'
 * events and republishes them here as ordinary application events, so module listeners
 * (caches, notifications) see them too.
 */
@org.springframework.stereotype.Component
public class LiveEventBus implements SmartLifecycle {

    static final String CHANNEL = "fleetdesk_events";
    private static final Logger log = LoggerFactory.getLogger(LiveEventBus.class);
    private static final ThreadLocal<Boolean> REPLAYING_REMOTE = ThreadLocal.withInitial(() -> false);

    private final DataSource dataSource;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String nodeId = UUID.randomUUID().toString();
    /** How this node's own notifications begin ("node" is written first). */
    private final String ownPrefix = "{\"node\":\"" + nodeId + "\"";
    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();
    private final Counter sent;
    private final Counter received;
    private final java.util.concurrent.ExecutorService forwarder = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("live-event-forwarder").unstarted(r));
    private final java.util.concurrent.ConcurrentLinkedQueue<LiveEvent> outgoing = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService batcher = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("live-event-batcher").unstarted(r));
    private volatile boolean running;
    private Thread listener;

    LiveEventBus(DataSource dataSource, ApplicationEventPublisher publisher, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.sent = meters.counter("fleetdesk.live.events", "direction", "sent");
        this.received = meters.counter("fleetdesk.live.events", "direction", "received");
    }

    /**
     * Calls {@code handler} in the owner's UI (with its session lock held) for every event of
     * {@code type} while the owner is attached. The subscription ends when the owner detaches.
     */
    public <E extends LiveEvent> Registration subscribe(Component owner, Class<E> type, SerializableConsumer<E> handler) {
        return register(owner, new Subscription<>(owner, type, handler));
    }

    /**
     * Like {@link #subscribe}, for events that come many times a second (vehicle moves at
     * thousands of positions per second): gathers the events of each {@code interval} and calls
     * {@code handler} with them together, in one UI access and so one push, at most once per
     * interval. The publishing thread (e.g. the ingest writer) only queues the event and does no
     * UI work for this subscriber, so many open screens do not slow down what publishes.
     */
    public <E extends LiveEvent> Registration subscribeBatched(Component owner, Class<E> type, Duration interval,
                                                               SerializableConsumer<List<E>> handler) {
        return register(owner, new BatchedSubscription<>(owner, type, handler, interval, batcher));
    }

    private Registration register(Component owner, Subscription<?> subscription) {
        Registration attach = owner.addAttachListener(e -> {
            subscription.ui = e.getUI();
            subscriptions.add(subscription);
        });
        Registration detach = owner.addDetachListener(e -> subscriptions.remove(subscription));
        owner.getUI().ifPresent(ui -> {
            subscription.ui = ui;
            subscriptions.add(subscription);
        });
        return () -> {
            attach.remove();
            detach.remove();
            subscriptions.remove(subscription);
        };
    }

    /** Number of live UI subscriptions on this node (exposed for diagnostics and tests). */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onLiveEvent(LiveEvent event) {
        deliverToUis(event);
        if (!REPLAYING_REMOTE.get()) {
            // Off the caller's thread (the ingest writer publishes many), in order.
            outgoing.add(event);
            forwarder.execute(this::notifyOtherNodes);
        }
    }

    private void deliverToUis(LiveEvent event) {
        for (Subscription<?> subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /** What travels in a NOTIFY; "node" comes first so a node can skip its own without parsing. */
    record Notice(String node, String type, LiveEvent event) {
    }

    /** Sends what is waiting in one round trip, in order (a busy ingest publishes many events at once). */
    private void notifyOtherNodes() {
        List<String> payloads = new java.util.ArrayList<>();
        LiveEvent event;
        while (payloads.size() < 500 && (event = outgoing.poll()) != null) {
            payloads.add(json.writeValueAsString(new Notice(nodeId, event.getClass().getName(), event)));
        }
        if (payloads.isEmpty()) {
            return; // an earlier round sent these
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement notify = c.prepareStatement(
                     "select pg_notify(?, p) from unnest(?::text[]) with ordinality as t(p, i) order by i")) {
            notify.setString(1, CHANNEL);
            notify.setObject(2, payloads.toArray(String[]::new));
            notify.execute();
            sent.increment(payloads.size());
        } catch (SQLException e) {
            // Other nodes' screens miss a refresh; the data itself is committed and safe.
            log.warn("Could not forward {} live events to other nodes: {}", payloads.size(), e.getMessage());
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            replay(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Live-event listener lost its database connection ({}); reconnecting", e.getMessage());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private void replay(String payload) {
        if (payload.startsWith(ownPrefix)) {
            return; // this node's own event, already delivered here: not worth parsing (a busy ingest sends many)
        }
        try {
            JsonNode message = json.readTree(payload);
            if (nodeId.equals(message.path("node").asText())) {
                return;
            }
            Class<?> type = Class.forName(message.path("type").asText(), false, getClass().getClassLoader());
            if (!LiveEvent.class.isAssignableFrom(type)) {
                log.warn("Ignoring notification of non-event type {}", type.getName());
                return;
            }
            Object event = json.treeToValue(message.get("event"), type);
            received.increment();
            REPLAYING_REMOTE.set(true);
            try {
                publisher.publishEvent(event);
            } finally {
                REPLAYING_REMOTE.set(false);
            }
        } catch (Exception e) {
            log.warn("Ignoring unreadable live-event notification: {}", e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("live-event-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static class Subscription<E extends LiveEvent> {
        private final Component owner;
        final Class<E> type;
        private final SerializableConsumer<E> handler;
        volatile UI ui;

        Subscription(Component owner, Class<E> type, SerializableConsumer<E> handler) {
            this.owner = owner;
            this.type = type;
            this.handler = handler;
        }

        void offer(LiveEvent event) {
            UI target = ui;
            if (!type.isInstance(event) || target == null) {
                return;
            }
            E typed = type.cast(event);
            try {
                target.access(() -> handler.accept(typed));
            } catch (com.vaadin.flow.component.UIDetachedException ignored) {
                // the browser tab closed between the check and the delivery
            }
        }
    }

    /** Queues events and hands each interval's to the UI at once, from the bus's batching thread. */
    private static final class BatchedSubscription<E extends LiveEvent> extends Subscription<E> {
        private final SerializableConsumer<List<E>> batchHandler;
        private final long intervalNanos;
        private final ScheduledExecutorService batcher;
        private final ConcurrentLinkedQueue<E> queued = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        BatchedSubscription(Component owner, Class<E> type, SerializableConsumer<List<E>> batchHandler, Duration interval,
                            ScheduledExecutorService batcher) {
            super(owner, type, e -> { });
            this.batchHandler = batchHandler;
            this.intervalNanos = interval.toNanos();
            this.batcher = batcher;
        }

        @Override
        void offer(LiveEvent event) {
            if (!type.isInstance(event) || ui == null) {
                return;
            }
            queued.add(type.cast(event));
            if (scheduled.compareAndSet(false, true)) {
                batcher.schedule(this::flush, intervalNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void flush() {
            // Cleared before draining: an event queued meanwhile schedules the next flush itself.
            scheduled.set(false);
            List<E> events = new ArrayList<>();
            for (E e; (e = queued.poll()) != null; ) {
                events.add(e);
            }
            UI target = ui;
            if (events.isEmpty() || target == null) {
                return;
            }
            try {
                target.access(() -> batchHandler.accept(events));
            } catch (com.vaadin.flow.component.UIDetachedException ignored) {
                // the browser tab closed meanwhile
            } catch (RuntimeException e) {
                log.warn("Delivering {} {} events failed: {}", events.size(), type.getSimpleName(), e.getMessage());
            }
        }
    }
}
