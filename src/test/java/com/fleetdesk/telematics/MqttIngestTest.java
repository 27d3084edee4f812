package com.fleetdesk.telematics;

import com.fleetdesk.ExtraNode;
import com.fleetdesk.FleetdeskTest;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.fleetdesk.telematics.ui.UnknownDevicesView;
import org.springframework.boot.health.contributor.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * MQTT ingest against a real broker (Debian's mosquitto, started here on a free port) with two
 * application nodes on the shared test database, both in the same share group.
 */
@FleetdeskTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttIngestTest {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final List<String> TELEMETRY_DEVICES = List.of("FD0041", "FD0042", "FD0043", "FD0044", "FD0045",
            "FD0046", "FD0047", "FD0048", "FD0049", "FD0050");
    private static final Pattern SENT = Pattern.compile("Sending PUBLISH to (\\S+) \\(d\\d, q1,");
    private static final Pattern ACKED = Pattern.compile("Received PUBACK from (\\S+) \\(");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    private Path brokerDir;
    private Process broker;
    private int port;
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private Mqtt5AsyncClient publisher;
    /** Node B reaches the broker through this relay, so that its connection can be dropped as if the node died. */
    private CuttableTcpProxy proxyB;
    private String[] nodeBArgs;
    /** The broker log is read from here on: what came before a deliberate fault is not counted against later tests. */
    private long logMark;
    private long nextSecond = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).getEpochSecond();

    @BeforeAll
    void startBrokerAndTwoNodes() throws Exception {
        if (!Files.isExecutable(MOSQUITTO)) {
            fail("The MQTT ingest test needs the mosquitto broker at " + MOSQUITTO
                    + " (Debian: apt-get install mosquitto; src/bin/test installs it when run as root)");
        }
        port = freePort();
        // OwnTracks names devices <user>:<device>: fit two demo vehicles with such trackers for the test.
        jdbc.sql("update vehicle set tracker_device_id = 'alex:van' where tracker_device_id = 'FD0058'").update();
        jdbc.sql("update vehicle set tracker_device_id = 'sam:truck' where tracker_device_id = 'FD0059'").update();
        String url = "--fleetdesk.mqtt.url=tcp://127.0.0.1:" + port;
        proxyB = new CuttableTcpProxy(port);
        // Node A starts while the broker is still down: it must get there through its reconnect loop.
        nodeA = ExtraNode.start("", url, "--fleetdesk.demo.enabled=false", "--fleetdesk.mqtt.client-id-prefix=node-a-");
        startBroker();
        // Node B has a tiny write queue: "busy" (503) happens and must lead to retries, never to loss.
        nodeBArgs = new String[]{"--fleetdesk.mqtt.url=tcp://127.0.0.1:" + proxyB.port(), "--fleetdesk.demo.enabled=false",
                "--fleetdesk.mqtt.client-id-prefix=node-b-", "--fleetdesk.ingest.queue-capacity=2"};
        nodeB = ExtraNode.start("", nodeBArgs);
        await().atMost(Duration.ofSeconds(30)).until(() -> mqtt(nodeA).ready() && mqtt(nodeB).ready());
        publisher = MqttClient.builder().useMqttVersion5().identifier("test-publisher")
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        publisher.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (publisher != null && publisher.getState().isConnected()) publisher.disconnect().get(5, TimeUnit.SECONDS);
            if (nodeA != null) nodeA.close();
            if (nodeB != null) nodeB.close();
            if (proxyB != null) proxyB.close();
        } finally {
            jdbc.sql("update vehicle set tracker_device_id = 'FD0058' where tracker_device_id = 'alex:van'").update();
            jdbc.sql("update vehicle set tracker_device_id = 'FD0059' where tracker_device_id = 'sam:truck'").update();
            if (broker != null) {
                broker.destroy();
                if (!broker.waitFor(5, TimeUnit.SECONDS)) {
                    broker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            if (brokerDir != null) {
                try (Stream<Path> files = Files.walk(brokerDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void theClientIsAbsentWithoutABrokerUrl() {
        assertThat(context.getBeanProvider(MqttIngest.class).getIfAvailable()).isNull();
        assertThat(nodeA.getBeanProvider(MqttIngest.class).getIfAvailable()).isNotNull();
    }

    @Test
    void bothNodesShareTheLoadAndEveryPositionIsStoredExactlyOnce() throws Exception {
        long first = nextSecond + 1; // the seconds before belong to tests that ran earlier
        List<String[]> messages = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            messages.add(ownTracks("alex", "van", ++nextSecond));
            messages.add(ownTracks("sam", "truck", nextSecond));
        }
        for (int i = 0; i < 28; i++) {
            long second = ++nextSecond;
            TELEMETRY_DEVICES.forEach(device -> messages.add(telemetry(device, device, Instant.ofEpochSecond(second))));
        }
        long last = nextSecond;
        assertThat(messages).hasSize(400);
        assertThat(storedBetween(first, last)).isZero();

        long toABefore = deliveredTo(nodeA);
        long toBBefore = deliveredTo(nodeB);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        messages.forEach(m -> sent.add(publish(m)));
        messages.subList(0, 40).forEach(m -> sent.add(publish(m))); // trackers resending: same device and time
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> storedBetween(first, last) >= 400);
        awaitEverythingAcknowledged();
        assertThat(storedBetween(first, last)).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id = 'alex:van' and fix_time between ? and ?")
                .params(ts(first), ts(last)).query(Long.class).single()).isEqualTo(60);

        long toA = deliveredTo(nodeA) - toABefore;
        long toB = deliveredTo(nodeB) - toBBefore;
        System.out.printf("MQTT shared subscription split of 440 messages: node A got %d, node B %d from the broker; "
                        + "accept() calls (with retries) A %.0f, B %.0f; node B retried %.0f busy writes%n",
                toA, toB, accepted(nodeA), accepted(nodeB), counter(nodeB, "fleetdesk.ingest.rejected", "reason", "busy"));
        assertThat(toA + toB).isEqualTo(440);
        assertThat(accepted(nodeA)).as("node A stored some").isPositive();
        assertThat(accepted(nodeB)).as("node B stored some").isPositive();
        assertThat(counter(nodeB, "fleetdesk.ingest.rejected", "reason", "busy"))
                .as("node B's tiny queue was full at times and those messages were retried").isPositive();
    }

    @Test
    void badMessagesAreRejectedCountedAndAcknowledgedWithoutBlockingLaterOnes() throws Exception {
        double malformed = rejected("malformed");
        double mismatched = rejected("topic_mismatch");
        double unknown = rejected("unknown_device");
        long first = nextSecond + 1;
        Instant t1 = Instant.ofEpochSecond(++nextSecond);
        Instant t2 = Instant.ofEpochSecond(++nextSecond);
        List<String[]> bad = List.of(
                new String[]{"fleetdesk/telemetry/FD0041", "{not json"},
                new String[]{"fleetdesk/telemetry/FD0041", "{\"deviceId\":\"FD0041\",\"time\":\"" + t1 + "\",\"lat\":\"53.5\",\"lon\":-2.2}"},
                new String[]{"owntracks/alex/van", "{\"_type\":\"location\",\"lat\":95,\"lon\":-2.2,\"tst\":" + t1.getEpochSecond() + "}"},
                telemetry("FD0042", "FD0043", t1), // topic and payload disagree
                telemetry("ZZ9999", "ZZ9999", t1), // not fitted to any vehicle
                new String[]{"owntracks/alex/van", "{\"_type\":\"transition\",\"event\":\"enter\",\"tst\":" + t1.getEpochSecond() + "}"});
        List<String[]> good = new ArrayList<>();
        // The README's example payload (odometer left out so the demo vehicle's odometer stays as it is).
        good.add(new String[]{"fleetdesk/telemetry/FD0041", """
                {"deviceId":"FD0041","time":"%s","lat":53.48,"lon":-2.24,"speedKmh":42.5,"heading":180,"altitude":40,
                 "accuracy":5,"fuelPct":62.5,"engineTempC":88,"rpm":1800,"batteryV":13.9,"ignition":true,
                 "harshBrake":false,"harshAccel":false,"driverId":"D-17","attributes":{"any":"text"}}
                """.formatted(t2)});
        for (int i = 0; i < 20; i++) {
            long second = ++nextSecond;
            good.add(telemetry("FD0042", "FD0042", Instant.ofEpochSecond(second)));
            good.add(ownTracks("alex", "van", second));
        }
        long last = nextSecond;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        bad.forEach(m -> sent.add(publish(m)));
        good.forEach(m -> sent.add(publish(m)));
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20)).until(() -> storedBetween(first, last) >= good.size());
        awaitEverythingAcknowledged();
        assertThat(storedBetween(first, last)).isEqualTo(good.size());
        assertThat(rejected("malformed")).isEqualTo(malformed + 3);
        assertThat(rejected("topic_mismatch")).isEqualTo(mismatched + 1);
        assertThat(rejected("unknown_device")).isEqualTo(unknown + 1);
        assertThat(jdbc.sql("select count(*) from unknown_device where device_id = 'ZZ9999' and protocol = 'mqtt-fleetdesk'")
                .query(Long.class).single()).isEqualTo(1);
        var row = jdbc.sql("select rpm, driver_ref, attributes::text as attributes from vehicle_position where device_id = 'FD0041' and fix_time = ?")
                .param(Timestamp.from(t2)).query().singleRow();
        assertThat(row.get("rpm")).isEqualTo(1800);
        assertThat(row.get("driver_ref")).isEqualTo("D-17");
        assertThat(row.get("attributes").toString()).contains("\"any\": \"text\"");
    }

    @Test
    void theBrokerKilledAndRestartedOnTheSamePortIsRejoinedByItselfAndTheOutageIsShown() throws Exception {
        long first = nextSecond + 1;
        List<String[]> before = ownTracksFor(20);
        awaitAll(before.stream().map(this::publish).toList());
        await().atMost(Duration.ofSeconds(20)).until(() -> storedBetween(first, nextSecond) >= before.size());
        awaitEverythingAcknowledged();

        killBroker();
        await().atMost(Duration.ofSeconds(10)).until(() -> !mqtt(nodeA).ready() && !mqtt(nodeB).ready());
        // What an administrator sees meanwhile: the health endpoint's mqtt component and the trackers' screen.
        assertThat(nodeA.getBean(MqttHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(mqtt(nodeA).status().downSince()).isNotNull();
        assertThat(UnknownDevicesView.mqttStatus(mqtt(nodeA).status()).getElement().getTextRecursively())
                .contains("MQTT broker unreachable", "tcp://127.0.0.1:" + port, "positions from MQTT trackers are not arriving");

        Thread.sleep(1500); // down for a while: the nodes' reconnect attempts fail and back off
        logMark = brokerLogLength();
        startBroker(); // same port; without persistence it has forgotten every session and subscription
        publisher.connect().get(10, TimeUnit.SECONDS); // the test's publisher is a plain client without reconnect
        await().atMost(Duration.ofSeconds(30)).until(() -> mqtt(nodeA).ready() && mqtt(nodeB).ready());
        assertThat(nodeA.getBean(MqttHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        assertThat(UnknownDevicesView.mqttStatus(mqtt(nodeA).status()).getElement().getTextRecursively()).contains("MQTT connected");

        List<String[]> after = ownTracksFor(20);
        long last = nextSecond;
        awaitAll(after.stream().map(this::publish).toList());
        await().atMost(Duration.ofSeconds(20)).until(() -> storedBetween(first, last) >= before.size() + after.size());
        awaitEverythingAcknowledged();
        assertThat(storedBetween(first, last)).as("every position before and after the outage, each once").isEqualTo(before.size() + after.size());
    }

    /**
     * Node B dies mid-stream: its connection is reset without a DISCONNECT (to the broker, exactly a process killed
     * with -9: the socket goes away with QoS 1 messages sent and not acknowledged) and its context is closed. Mosquitto
     * keeps those messages in B's session and gives them to nobody else; B comes back under the same (default, host-based)
     * client id, resumes the session and stores them. Every message the broker acknowledged to the publisher is stored once.
     */
    @Test
    void aNodeKilledMidStreamLosesNothingTheBrokerAcknowledged() throws Exception {
        long first = nextSecond + 1;
        List<String[]> stream = ownTracksFor(200);
        long last = nextSecond;
        String clientB = mqtt(nodeB).clientId();
        List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>();
        int half = stream.size() / 2;
        for (int i = 0; i < half; i++) {
            sent.add(publish(stream.get(i)));
        }
        // Mid-stream: node B holds messages it has not acknowledged yet (its tiny write queue makes it retry).
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> mqtt(nodeB).pending() > 0);
        int unacknowledgedAtKill = mqtt(nodeB).pending();
        proxyB.cut();
        nodeB.close();
        for (int i = half; i < stream.size(); i++) {
            sent.add(publish(stream.get(i)));
        }
        long acknowledged = 0;
        for (CompletableFuture<Mqtt5PublishResult> f : sent) {
            Mqtt5PublishResult result = f.get(20, TimeUnit.SECONDS);
            if (result.getError().isEmpty()) acknowledged++;
        }
        assertThat(acknowledged).as("the broker acknowledged every message to the publisher").isEqualTo(stream.size());

        logMark = brokerLogLength();
        proxyB.reopen();
        nodeB = ExtraNode.start("", nodeBArgs);
        assertThat(mqtt(nodeB).clientId()).as("the restarted node has the same client id by default").isEqualTo(clientB);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> storedBetween(first, last) >= stream.size());
        awaitEverythingAcknowledged(List.of(nodeB)); // including what B had stored but not yet acknowledged when it died
        assertThat(storedBetween(first, last)).as("every acknowledged position stored, none twice").isEqualTo(acknowledged);
        String log = brokerLog();
        System.out.printf("MQTT node killed mid-stream holding %d unacknowledged messages; after its restart the broker redelivered %d "
                + "to it (resumed session)%n", unacknowledgedAtKill, count(SENT.matcher(log), clientB));
        assertThat(log).as("node B resumed its session").contains("Sending CONNACK to " + clientB + " (1, 0)");
        assertThat(count(SENT.matcher(log), clientB)).as("what B held when it died came back to B").isPositive();
        logMark = brokerLogLength(); // the killed connection's unacknowledged sends are not a later test's business
    }

    // --- helpers

    /** OwnTracks locations of both test trackers for the next {@code seconds} seconds. */
    private List<String[]> ownTracksFor(int seconds) {
        List<String[]> messages = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            messages.add(ownTracks("alex", "van", ++nextSecond));
            messages.add(ownTracks("sam", "truck", nextSecond));
        }
        return messages;
    }

    private static void awaitAll(List<CompletableFuture<Mqtt5PublishResult>> sent) throws Exception {
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    }

    private void killBroker() throws InterruptedException {
        broker.destroyForcibly();
        assertThat(broker.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    private static MqttIngest mqtt(ConfigurableApplicationContext node) {
        return node.getBean(MqttIngest.class);
    }

    private CompletableFuture<Mqtt5PublishResult> publish(String[] topicAndPayload) {
        return publisher.publishWith().topic(topicAndPayload[0]).qos(MqttQos.AT_LEAST_ONCE)
                .payload(topicAndPayload[1].getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String[] ownTracks(String user, String device, long tst) {
        return new String[]{"owntracks/" + user + "/" + device, String.format(Locale.ROOT,
                "{\"_type\":\"location\",\"lat\":%.5f,\"lon\":%.5f,\"tst\":%d,\"vel\":30,\"cog\":90,\"acc\":5,\"batt\":80,\"tid\":\"%s\"}",
                53.4 + (tst % 1000) / 10000.0, -2.2 - (tst % 700) / 10000.0, tst, user.substring(0, 2))};
    }

    private static String[] telemetry(String topicDevice, String payloadDevice, Instant time) {
        return new String[]{"fleetdesk/telemetry/" + topicDevice, String.format(Locale.ROOT,
                "{\"deviceId\":\"%s\",\"time\":\"%s\",\"lat\":%.5f,\"lon\":-2.24,\"speedKmh\":42.5,\"heading\":180,\"fuelPct\":62.5,"
                        + "\"rpm\":1800,\"batteryV\":13.9,\"ignition\":true}",
                payloadDevice, time, 53.4 + (time.getEpochSecond() % 1000) / 10000.0)};
    }

    private long storedBetween(long firstSecond, long lastSecond) {
        return jdbc.sql("""
                        select count(*) from vehicle_position
                         where fix_time between ? and ?
                           and (device_id in ('alex:van', 'sam:truck') or device_id like 'FD004_' or device_id = 'FD0050')
                        """)
                .params(ts(firstSecond), ts(lastSecond)).query(Long.class).single();
    }

    private static Timestamp ts(long epochSecond) {
        return Timestamp.from(Instant.ofEpochSecond(epochSecond));
    }

    private double accepted(ConfigurableApplicationContext node) {
        return counter(node, "fleetdesk.ingest.accepted", "protocol", "mqtt-owntracks")
                + counter(node, "fleetdesk.ingest.accepted", "protocol", "mqtt-fleetdesk");
    }

    private double rejected(String reason) {
        return counter(nodeA, "fleetdesk.ingest.rejected", "reason", reason) + counter(nodeB, "fleetdesk.ingest.rejected", "reason", reason);
    }

    private static double counter(ConfigurableApplicationContext node, String name, String tag, String value) {
        Counter counter = node.getBean(MeterRegistry.class).find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The broker's own log: every QoS 1 PUBLISH it sent to a node has come back acknowledged. */
    private void awaitEverythingAcknowledged() {
        awaitEverythingAcknowledged(List.of(nodeA, nodeB));
    }

    /** As above, for the nodes that were sent messages since {@link #logMark}. */
    private void awaitEverythingAcknowledged(List<ConfigurableApplicationContext> nodes) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(mqtt(nodeA).pending()).isZero();
            assertThat(mqtt(nodeB).pending()).isZero();
            String log = brokerLog();
            for (String client : nodes.stream().map(n -> mqtt(n).clientId()).toList()) {
                long sent = count(SENT.matcher(log), client);
                assertThat(sent).as("messages the broker sent to " + client).isPositive();
                assertThat(count(ACKED.matcher(log), client)).as("acknowledged by " + client).isEqualTo(sent);
            }
        });
    }

    /** QoS 1 messages the broker has sent to this node so far, by its log. */
    private long deliveredTo(ConfigurableApplicationContext node) throws IOException {
        return count(SENT.matcher(brokerLog()), mqtt(node).clientId());
    }

    private String brokerLog() throws IOException {
        String log = Files.readString(brokerDir.resolve("mosquitto.log"));
        return logMark <= log.length() ? log.substring((int) logMark) : log;
    }

    private long brokerLogLength() throws IOException {
        return Files.readString(brokerDir.resolve("mosquitto.log")).length();
    }

    private static long count(Matcher matcher, String client) {
        long n = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(client)) n++;
        }
        return n;
    }

    /** Starts mosquitto on {@link #port}; again on the same port and with the same log after {@link #killBroker()}. */
    private void startBroker() throws Exception {
        if (brokerDir == null) {
            brokerDir = Files.createTempDirectory("fleetdesk-mosquitto");
            Files.createFile(brokerDir.resolve("mosquitto.log"));
        }
        Path log = brokerDir.resolve("mosquitto.log");
        // Started as root, mosquitto runs as the user "mosquitto": it must still be able to write its log.
        Files.setPosixFilePermissions(brokerDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path config = brokerDir.resolve("mosquitto.conf");
        // The log file is line-buffered (stdout into a file would not be): the test reads the PUBACKs from it.
        Files.writeString(config, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                log_dest file %s
                log_type all
                """.formatted(port, log));
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(brokerDir.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!broker.isAlive() || System.nanoTime() > deadline) {
                    fail("mosquitto did not start on port " + port + ":\n" + Files.readString(brokerDir.resolve("mosquitto.out"))
                            + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
