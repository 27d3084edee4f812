package com.fleetdesk.routing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OSRM provider against a stub of OSRM's table service on 127.0.0.1. */
class OsrmNetworkTest {

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicReference<String> answer = new AtomicReference<>();
    final AtomicReference<Integer> status = new AtomicReference<>(200);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/table/v1/driving/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    boolean stopped;

    @AfterEach
    void stop() {
        if (!stopped) {
            server.stop(0);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static final List<GeoPoint> POINTS = List.of(new GeoPoint(53.4631, -2.3125), new GeoPoint(53.48, -2.24), new GeoPoint(53.5, -2.2));

    @Test
    void readsTheTableServiceAndAsksLongitudeFirst() {
        answer.set("""
                {"code":"Ok","distances":[[0,5210.4,9100],[5300,0,3100.6],[9050,3200,0]],
                 "durations":[[0,420.2,700],[430,0,260],[690,255,0]],"sources":[],"destinations":[]}
                """);
        RoadNetwork.Matrix m = new OsrmNetwork(url() + "/").table(POINTS);
        assertThat(m.metres()[0][1]).isEqualTo(5210);
        assertThat(m.metres()[1][2]).isEqualTo(3101);
        assertThat(m.seconds()[2][0]).isEqualTo(690);
        assertThat(requests).singleElement().isEqualTo(
                "/table/v1/driving/-2.312500,53.463100;-2.240000,53.480000;-2.200000,53.500000?annotations=distance,duration");
    }

    @Test
    void tablesAreCachedSoTheServerIsAskedOncePerSetOfPoints() {
        answer.set("""
                {"code":"Ok","distances":[[0,1,2],[1,0,1],[2,1,0]],"durations":[[0,1,2],[1,0,1],[2,1,0]]}
                """);
        TravelTimes travel = new TravelTimes(new OsrmNetwork(url()));
        travel.table(POINTS);
        travel.table(List.copyOf(POINTS));
        assertThat(requests).hasSize(1);
        answer.set("{\"code\":\"Ok\",\"distances\":[[0,1],[1,0]],\"durations\":[[0,1],[1,0]]}");
        travel.table(POINTS.subList(0, 2));
        assertThat(requests).hasSize(2);
        assertThat(travel.describe()).isEqualTo("OSRM at " + url());
    }

    @Test
    void refusalsAndUnroutablePointsGiveAClearReason() {
        status.set(400);
        answer.set("{\"code\":\"InvalidQuery\",\"message\":\"Query string malformed close to position 3\"}");
        assertThatThrownBy(() -> new OsrmNetwork(url()).table(POINTS)).isInstanceOf(RoadNetworkUnavailable.class)
                .hasMessageContaining("refused the request (HTTP 400, InvalidQuery: Query string malformed");
        status.set(200);
        answer.set("{\"code\":\"Ok\",\"distances\":[[0,null,1],[1,0,1],[1,1,0]],\"durations\":[[0,1,1],[1,0,1],[1,1,0]]}");
        assertThatThrownBy(() -> new OsrmNetwork(url()).table(POINTS)).hasMessageContaining("no road between points 1 and 2");
        answer.set("<html>gateway timeout</html>");
        assertThatThrownBy(() -> new OsrmNetwork(url()).table(POINTS)).hasMessageContaining("something other than JSON");
    }

    @Test
    void anUnreachableServerIsReportedNotHung() {
        String gone = url();
        server.stop(0);
        stopped = true;
        assertThatThrownBy(() -> new OsrmNetwork(gone).table(POINTS)).isInstanceOf(RoadNetworkUnavailable.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void greatCircleTimesFollowTheRoadFactorAndSpeed() {
        RoadNetwork.Matrix m = new GreatCircleNetwork(1.3, 36).table(POINTS.subList(0, 2));
        double straight = GreatCircleNetwork.haversineMetres(POINTS.get(0), POINTS.get(1));
        assertThat(straight).isBetween(5000.0, 5300.0);
        assertThat(m.metres()[0][1]).isEqualTo(Math.round(straight * 1.3));
        assertThat(m.seconds()[0][1]).isEqualTo(Math.round(straight * 1.3 / 10));
        assertThat(m.metres()[1][1]).isZero();
    }
}
