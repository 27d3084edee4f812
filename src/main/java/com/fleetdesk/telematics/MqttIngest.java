package com.fleetdesk.telematics;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracker ingest from an MQTT broker (MQTT 5, only when {@code fleetdesk.mqtt.url} is set): OwnTracks
 * location messages on {@code owntracks/<user>/<device>} and Fleetdesk telemetry JSON on
 * {@code fleetdesk/telemetry/<deviceId>}, through shared subscriptions so that the nodes of a cluster
 * split the load.
 * <p>
 * Messages arrive with QoS 1 and are acknowledged by hand: only once the position is durably stored (or
 * was already stored), or once it was refused for good (malformed, unknown device, wrong topic) so that a
 * bad message is not redelivered forever. A transient failure (database or queue, status 503, or the
 * device's rate limit) leaves the message unacknowledged and retries it here with backoff; messages still
 * unacknowledged when the node stops stay in the broker's persistent session ({@code cleanStart=false},
 * session expiry) and are redelivered. (The client sends PUBACKs in arrival order, as MQTT requires, so a
 * message waiting for a retry holds back the acknowledgements behind it; the broker's flow control then
 * slows this node down while the other nodes take the traffic.) The client's threads never wait for the
 * database: parsing and storing run on virtual threads and the acknowledgement follows the write's future.
 * <p>
 * The client id must be stable per node: Mosquitto keeps the messages in flight to a node whose connection dropped (a
 * crash, a kill) in that node's session and hands them to no other member of the share group, not even when the session
 * ends; only the same client id resuming the session gets them. So the id defaults to prefix + host name (+ HTTP port,
 * so that two nodes on one host differ), and {@code fleetdesk.mqtt.client-id} sets it outright.
 */
@Component
@ConditionalOnExpression("!'${fleetdesk.mqtt.url:}'.isBlank()")
class MqttIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);
    static final String OWNTRACKS_TOPICS = "owntracks/+/+";
    static final String TELEMETRY_TOPICS = "fleetdesk/telemetry/+";
    static final String PROTOCOL_OWNTRACKS = "mqtt-owntracks";
    static final String PROTOCOL_FLEETDESK = "mqtt-fleetdesk";
    private static final int RECEIVE_MAXIMUM = 1000;
    private static final int MAX_PACKET_BYTES = 256 * 1024;
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 5000;
    private static final int MAX_ATTEMPTS_AFTER_ERROR = 10;

    private final PositionIngest ingest;
    private final Clock clock = Clock.systemUTC();
    private final URI url;
    private final String username;
    private final String password;
    private final String clientId;
    private final boolean stableClientId;
    private final String shareGroup;
    private final Duration sessionExpiry;
    private final long drainTimeoutMs;
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService work = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mqtt-ingest-", 0).factory());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mqtt-ingest-retry").daemon().factory());
    private Mqtt5AsyncClient client;
    private volatile boolean running;
    /** After the drain at shutdown: new messages are left to the broker, retries are given up. */
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile boolean subscribed;
    /** The current outage has been logged at info; further failed attempts go to debug. */
    private volatile boolean downLogged;
    /** When the connection to the broker was lost (or the first attempt failed); null while connected. */
    private volatile Instant downSince;

    MqttIngest(PositionIngest ingest, MeterRegistry meters,
               @Value("${fleetdesk.mqtt.url}") String url,
               @Value("${fleetdesk.mqtt.username:}") String username,
               @Value("${fleetdesk.mqtt.password:}") String password,
               @Value("${fleetdesk.mqtt.client-id-prefix:fleetdesk-}") String clientIdPrefix,
               @Value("${fleetdesk.mqtt.client-id:}") String clientId,
               @Value("${server.port:8080}") int serverPort,
               @Value("${fleetdesk.mqtt.share-group:fleetdesk}") String shareGroup,
               @Value("${fleetdesk.mqtt.session-expiry:1h}") Duration sessionExpiry,
               @Value("${fleetdesk.ingest.store-timeout-ms:10000}") long drainTimeoutMs) {
        this.ingest = ingest;
        this.url = parseUrl(url.strip());
        this.username = username;
        this.password = password;
        String host = com.fleetdesk.base.NodeName.hostName();
        this.stableClientId = !clientId.isBlank() || host != null;
        this.clientId = !clientId.isBlank() ? clientId.strip()
                : host != null ? clientIdPrefix + host + (serverPort > 0 ? "-" + serverPort : "")
                : clientIdPrefix + randomSuffix();
        if (!stableClientId) {
            log.warn("No host name for a stable MQTT client id; set fleetdesk.mqtt.client-id, or messages in flight when this node dies are lost");
        }
        if (shareGroup.isBlank() || shareGroup.contains("/") || shareGroup.contains("+") || shareGroup.contains("#")) {
            throw new IllegalArgumentException("fleetdesk.mqtt.share-group must be a non-empty name without / + #: " + shareGroup);
        }
        this.shareGroup = shareGroup;
        this.sessionExpiry = sessionExpiry;
        this.drainTimeoutMs = drainTimeoutMs;
        meters.gauge("fleetdesk.mqtt.pending", pending);
        meters.gauge("fleetdesk.mqtt.connected", this, m -> m.connected ? 1 : 0);
    }

    @Override
    public void start() {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost(url.getHost())
                .serverPort(url.getPort() > 0 ? url.getPort() : tls() ? 8883 : 1883)
                .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(30, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(context -> {
                    if (!running) {
                        client.disconnect(); // reconnected while this node was stopping
                        return;
                    }
                    connected = true;
                    boolean resumed = context instanceof Mqtt5ClientConnectedContext c5 && c5.getConnAck().isSessionPresent();
                    if (downLogged) {
                        log.info("MQTT ingest back at {} as {} ({} session) after {}", display(), clientId, resumed ? "resumed" : "new",
                                Duration.between(downSince, clock.instant()).withNanos(0));
                    } else {
                        log.info("MQTT ingest connected to {} as {} ({} session)", display(), clientId, resumed ? "resumed" : "new");
                    }
                    downLogged = false;
                    downSince = null;
                    // A new session (first start, or a broker that lost its state) has no subscriptions; a resumed one
                    // has them unless this node unsubscribed when it stopped last time.
                    if (!resumed || !subscribed) {
                        subscribed = false;
                        subscribe();
                    }
                })
                .addDisconnectedListener(context -> {
                    boolean wasConnected = connected;
                    connected = false;
                    if (downSince == null) {
                        downSince = clock.instant();
                    }
                    if (context.getSource() == MqttDisconnectSource.USER) {
                        return;
                    }
                    if (!running) {
                        context.getReconnector().reconnect(false); // stopped while the broker was away
                        return;
                    }
                    String cause = context.getCause() == null ? "unknown" : context.getCause().getMessage();
                    if (!downLogged) {
                        downLogged = true;
                        log.info("MQTT ingest {} {}: {}; reconnecting with backoff", wasConnected ? "lost" : "cannot reach", display(), cause);
                    } else {
                        log.debug("MQTT ingest reconnect attempt {} to {} failed: {}", context.getReconnector().getAttempts(), display(), cause);
                    }
                });
        if (tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        if (!username.isBlank()) {
            builder = builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        client = builder.buildAsync();
        // Registered before connecting: a resumed session may deliver queued messages before any SUBSCRIBE.
        client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, true);
        running = true;
        log.info("MQTT ingest starting: {} as {}, shared subscriptions $share/{}/{} and $share/{}/{}",
                display(), clientId, shareGroup, OWNTRACKS_TOPICS, shareGroup, TELEMETRY_TOPICS);
        // With automatic reconnect the future completes only once a connection succeeds, however late.
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(sessionExpiry.toSeconds())
                .restrictions().receiveMaximum(RECEIVE_MAXIMUM).maximumPacketSize(MAX_PACKET_BYTES).applyRestrictions()
                .send();
    }

    /** At every connection whose session lacks the subscriptions; subscribing again is harmless. */
    private void subscribe() {
        client.subscribeWith()
                .addSubscription().topicFilter("$share/" + shareGroup + "/" + OWNTRACKS_TOPICS).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .addSubscription().topicFilter("$share/" + shareGroup + "/" + TELEMETRY_TOPICS).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .send()
                .whenComplete((subAck, error) -> {
                    if (error != null) {
                        if (running) {
                            log.warn("MQTT ingest could not subscribe at {} ({}); trying again", display(), error.getMessage());
                            try {
                                retries.schedule(this::subscribe, 2, TimeUnit.SECONDS);
                            } catch (RejectedExecutionException stopping) {
                                // shutting down
                            }
                        }
                        return;
                    }
                    List<Mqtt5SubAckReasonCode> codes = subAck.getReasonCodes();
                    if (codes.stream().anyMatch(Mqtt5SubAckReasonCode::isError)) {
                        log.warn("MQTT broker {} refused the ingest subscriptions: {}", display(), codes);
                    } else {
                        subscribed = true;
                        log.info("MQTT ingest subscribed (share group {})", shareGroup);
                    }
                });
    }

    /**
     * Stops taking new work from the broker (unsubscribes so the other nodes get the traffic), waits for the
     * messages in hand to be stored and acknowledged, then disconnects. Runs before the position writer stops.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            if (client.getState().isConnected()) {
                client.unsubscribeWith()
                        .topicFilter("$share/" + shareGroup + "/" + OWNTRACKS_TOPICS)
                        .addTopicFilter("$share/" + shareGroup + "/" + TELEMETRY_TOPICS)
                        .send().get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.debug("MQTT unsubscribe at shutdown failed: {}", e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        if (pending.get() > 0) {
            log.warn("MQTT ingest stops with {} messages unacknowledged; the broker redelivers them", pending.get());
        }
        subscribed = false;
        try {
            // A random client id is never used again: end its session so the broker can hand what is left to
            // another node of the share group; a configured (stable) id keeps the session for its next start.
            client.disconnectWith().sessionExpiryInterval(stableClientId ? sessionExpiry.toSeconds() : 0)
                    .send().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("MQTT disconnect at shutdown: {}", e.getMessage());
        }
        retries.shutdownNow();
        work.shutdown();
        log.info("MQTT ingest stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the writer (higher phase stops first), so what is in hand can still be stored. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /** Connected and subscribed: messages flow. */
    boolean ready() {
        return connected && subscribed;
    }

    /** Messages received and not yet acknowledged (being stored or waiting to be retried). */
    int pending() {
        return pending.get();
    }

    String clientId() {
        return clientId;
    }

    /** For the admin screen and the health endpoint. */
    FleetPositionService.MqttStatus status() {
        return new FleetPositionService.MqttStatus(display(), clientId, ready(), downSince, pending.get());
    }

    // Called on the client's thread: hand over at once, never touch the database here.
    private void onPublish(Mqtt5Publish publish) {
        if (closed) {
            return; // not acknowledged: it stays in this session and is redelivered
        }
        Inbound message = new Inbound(publish);
        pending.incrementAndGet();
        dispatch(message);
    }

    private void dispatch(Inbound message) {
        try {
            work.execute(() -> process(message));
        } catch (RejectedExecutionException e) {
            abandon(message);
        }
    }

    private void process(Inbound message) {
        if (closed) {
            abandon(message);
            return;
        }
        message.attempts++;
        try {
            if (message.report == null) {
                message.report = parse(message);
                if (message.report == null) {
                    acknowledge(message); // an OwnTracks message other than a location: nothing to store
                    return;
                }
            }
            CompletableFuture<Boolean> stored = ingest.accept(message.report, message.protocol, () -> "mqtt " + message.topic);
            stored.whenComplete((fresh, error) -> {
                if (error == null) {
                    acknowledge(message);
                } else {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    failed(message, cause instanceof IngestRejected r ? r
                            : new IngestRejected(503, "database", "storage failed: " + cause.getMessage()));
                }
            });
        } catch (IngestRejected e) {
            failed(message, e);
        } catch (DataAccessException e) {
            // e.g. the device lookup while the database restarts
            failed(message, new IngestRejected(503, "database", "database unavailable: " + e.getMessage()));
        } catch (RuntimeException e) {
            if (message.attempts >= MAX_ATTEMPTS_AFTER_ERROR) {
                log.error("MQTT message on {} dropped after {} failed attempts", message.topic, message.attempts, e);
                ingest.rejected(new IngestRejected(500, "error", "unexpected failure"));
                acknowledge(message);
            } else {
                log.warn("Unexpected failure ingesting an MQTT message on {}; retrying", message.topic, e);
                retryLater(message);
            }
        }
    }

    /** Routes by topic and parses; null when there is nothing to store. */
    private PositionReport parse(Inbound message) {
        String[] levels = message.topic.split("/", -1);
        if (message.payload.length > IngestHttpServer.MAX_BODY_BYTES) {
            throw new IngestRejected(413, "too_large", "payload larger than " + IngestHttpServer.MAX_BODY_BYTES + " bytes");
        }
        if (levels.length == 3 && "owntracks".equals(levels[0])) {
            message.protocol = PROTOCOL_OWNTRACKS;
            return TrackerProtocols.ownTracks(TrackerProtocols.jsonObject(message.payload), levels[1] + ":" + levels[2], clock.instant());
        }
        if (levels.length == 3 && "fleetdesk".equals(levels[0]) && "telemetry".equals(levels[1])) {
            message.protocol = PROTOCOL_FLEETDESK;
            PositionReport report = TrackerProtocols.fleetdeskJson(TrackerProtocols.jsonObject(message.payload), clock.instant());
            if (!levels[2].equals(report.deviceId())) {
                throw new IngestRejected(400, "topic_mismatch", "deviceId " + report.deviceId()
                        + " does not match the topic's device " + levels[2]);
            }
            return report;
        }
        throw new IngestRejected(400, "topic", "no ingest for topic " + message.topic);
    }


    private void failed(Inbound message, IngestRejected e) {
        // PositionIngest counts these two itself
        if (!"unknown_device".equals(e.metricReason()) && !"rate_limited".equals(e.metricReason())) {
            ingest.rejected(e);
        }
        if (e.status() == 503 || e.status() == 429) {
            log.debug("MQTT message on {} not stored yet ({}), retry {}: {}", message.topic, e.metricReason(), message.attempts, e.getMessage());
            retryLater(message);
        } else {
            log.debug("MQTT message on {} rejected ({}): {}", message.topic, e.metricReason(), e.getMessage());
            acknowledge(message);
        }
    }

    private void retryLater(Inbound message) {
        if (closed) {
            abandon(message);
            return;
        }
        long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(message.attempts - 1, 10));
        delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        try {
            retries.schedule(() -> dispatch(message), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            abandon(message);
        }
    }

    private void acknowledge(Inbound message) {
        if (message.done.compareAndSet(false, true)) {
            try {
                message.publish.acknowledge();
            } catch (RuntimeException e) {
                // the connection it came on is gone: the broker redelivers it, storing it again is a no-op
                log.debug("MQTT acknowledgement on {} not sent: {}", message.topic, e.getMessage());
            }
            pending.decrementAndGet();
        }
    }

    /** Left unacknowledged for the broker to redeliver. */
    private void abandon(Inbound message) {
        if (message.done.compareAndSet(false, true)) {
            pending.decrementAndGet();
        }
    }

    private boolean tls() {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("ssl") || scheme.equals("mqtts") || scheme.equals("tls");
    }

    private String display() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    private static URI parseUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fleetdesk.mqtt.url is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("tcp", "mqtt", "ssl", "mqtts", "tls").contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("fleetdesk.mqtt.url must look like tcp://host:1883 or ssl://host:8883, not " + value);
        }
        return uri;
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** One received PUBLISH on its way to storage; acknowledged or abandoned exactly once. */
    private static final class Inbound {
        final Mqtt5Publish publish;
        final String topic;
        final byte[] payload;
        final AtomicBoolean done = new AtomicBoolean();
        volatile PositionReport report;
        volatile String protocol;
        volatile int attempts;

        Inbound(Mqtt5Publish publish) {
            this.publish = publish;
            this.topic = publish.getTopic().toString();
            this.payload = publish.getPayloadAsBytes();
        }
    }
}
