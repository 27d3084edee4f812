package com.fleetdesk.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The load benchmark's own bookkeeping: how a position says when it was sent, and how a map push is read. */
class LoadGeneratorTest {

    @Test
    void aPositionsLatitudeCarriesWhenItWasSent() {
        assertThat(PacedIngest.latitudeFor(1_700_000_000_123L)).isEqualTo("50.000123");
        assertThat(PacedIngest.latitudeFor(99_999L)).isEqualTo("50.099999");
        long sent = 1_700_000_012_345L;
        assertThat(PacedIngest.ageOf(Double.parseDouble(PacedIngest.latitudeFor(sent)), sent + 840)).isEqualTo(840);
        assertThat(PacedIngest.ageOf(53.48, sent)).as("not one of ours").isEqualTo(-1);
    }

    @Test
    void markerLatitudesAreFoundInRawAndEscapedPushes() {
        List<Double> seen = new ArrayList<>();
        VaadinUser.forEachLatitude("""
                [{"id":"7","lat":50.012345,"lon":-2.6,"title":"x"},{"id":"8","lat":53.4,"lon":50.5}]""", seen::add);
        VaadinUser.forEachLatitude("[\\\"{\\\"lat\\\":50.000042,\\\"lon\\\":-2.2}\\\"] \"speed\":50.5", seen::add);
        assertThat(seen).containsExactly(50.012345, 50.000042);
    }

    @Test
    void trackersSendAtTheOfferedRateWaitForEachAnswerAndCountWhatTheServerSaid() throws Exception {
        // A server of our own: every 7th request answered 503, every 10th connection closed after its answer.
        AtomicInteger requests = new AtomicInteger();
        Map<String, AtomicInteger> perDevice = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            perDevice.computeIfAbsent(query.substring(3, query.indexOf('&')), d -> new AtomicInteger()).incrementAndGet();
            if (n % 10 == 0) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            byte[] body = "OK".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(n % 7 == 0 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            List<String> devices = List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8");
            PacedIngest ingest = new PacedIngest("127.0.0.1", server.getAddress().getPort(), devices, 4, 400);
            ingest.start();
            Thread.sleep(300);
            ingest.measure();
            Thread.sleep(1000);
            ingest.stop();

            double perSecond = ingest.measuredOk() / ingest.measuredSeconds();
            long refused = ingest.otherStatuses().getOrDefault(503, 0L);
            assertThat(perSecond + refused / ingest.measuredSeconds()).as("answers per second at 400 offered").isBetween(300.0, 440.0);
            assertThat(refused).as("503s counted apart").isPositive();
            assertThat(ingest.reconnects()).as("closed connections reopened").isPositive();
            assertThat(ingest.errors()).isZero();
            assertThat(perDevice.keySet()).as("four connections carry every device in turn").containsExactlyInAnyOrderElementsOf(devices);
            assertThat(ingest.responseTimes()).hasSize((int) (ingest.measuredOk() + refused));
        } finally {
            server.stop(0);
        }
    }
}
