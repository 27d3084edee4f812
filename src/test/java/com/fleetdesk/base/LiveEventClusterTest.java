package com.fleetdesk.base;

import com.fleetdesk.ExtraNode;
import com.fleetdesk.fleet.VehicleChanged;
import com.fleetdesk.telematics.VehicleMove;
import com.fleetdesk.telematics.VehiclesMoved;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two application contexts on one PostgreSQL behave like two nodes: events cross via NOTIFY. */
class LiveEventClusterTest {

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static final List<VehicleChanged> seenByA = new CopyOnWriteArrayList<>();
    static final List<VehicleChanged> seenByB = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTwoNodes() {
        nodeA = ExtraNode.start("", "--fleetdesk.demo.enabled=false");
        nodeB = ExtraNode.start("", "--fleetdesk.demo.enabled=false");
        nodeA.addApplicationListener((PayloadApplicationEvent<?> e) -> {
            if (e.getPayload() instanceof VehicleChanged v) seenByA.add(v);
        });
        nodeB.addApplicationListener((PayloadApplicationEvent<?> e) -> {
            if (e.getPayload() instanceof VehicleChanged v) seenByB.add(v);
        });
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
    }

    @Test
    void eventCommittedOnOneNodeArrivesOnTheOtherOnce() {
        var event = new VehicleChanged(424242L, 7L);
        new TransactionTemplate(nodeA.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                .executeWithoutResult(tx -> nodeA.publishEvent(event));

        await().atMost(Duration.ofSeconds(10)).until(() -> seenByB.contains(event));
        // Node A saw its own event once (locally) and did not get it back from the database.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> seenByA.stream().filter(event::equals).count() == 1);
        assertThat(seenByB).filteredOn(event::equals).hasSize(1);
    }

    @Test
    void aFullChunkOfMovedVehiclesArrivesWhole() {
        List<VehicleMove> moves = new java.util.ArrayList<>();
        for (int i = 0; i < VehiclesMoved.MAX_MOVES; i++) { // the longest values a move can carry
            moves.add(new VehicleMove(9_000_000_000L + i, -33.123456789012345, -151.12345678901234, 123.45678901234567,
                    359.99999999999994, true, 99.99999999999999, java.time.Instant.parse("2026-12-07T00:13:51.123456789Z")));
        }
        var event = new VehiclesMoved(List.copyOf(moves));
        List<VehiclesMoved> seen = new CopyOnWriteArrayList<>();
        nodeB.addApplicationListener((PayloadApplicationEvent<?> e) -> {
            if (e.getPayload() instanceof VehiclesMoved v) seen.add(v);
        });
        new TransactionTemplate(nodeA.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                .executeWithoutResult(tx -> nodeA.publishEvent(event));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(event));
    }

    @Test
    void rolledBackEventIsNotSentAnywhere() {
        var event = new VehicleChanged(515151L, 8L);
        var tx = new TransactionTemplate(nodeA.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        tx.executeWithoutResult(status -> {
            nodeA.publishEvent(event);
            status.setRollbackOnly();
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !seenByB.contains(event));
        assertThat(seenByB).doesNotContain(event);
    }
}
