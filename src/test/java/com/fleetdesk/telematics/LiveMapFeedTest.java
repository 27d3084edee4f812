package com.fleetdesk.telematics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches the maps: each vehicle's newest fix, at most once per refresh. */
class LiveMapFeedTest {

    private final List<VehicleMove> published = new ArrayList<>();
    private final LiveMapFeed feed = new LiveMapFeed(event -> published.addAll(((VehiclesMoved) event).moves()), 100, 1000, 1000);
    private final Instant start = Instant.parse("2026-12-07T08:00:00Z");

    private void stored(long vehicleId, int second, double lat) {
        PositionReport report = new PositionReport("D" + vehicleId, start.plusSeconds(second), lat, -2.2, 40.0, 90.0, null, null,
                null, null, null, null, null, null, true, null, null, null, Map.of());
        feed.offer(List.of(new PositionWriter.Pending(report, vehicleId, 1, "REG" + vehicleId, start, new CompletableFuture<>())));
    }

    private List<Double> publishAt(long millis) {
        published.clear();
        feed.publish(millis * 1_000_000L);
        return published.stream().map(VehicleMove::lat).toList();
    }

    @Test
    void aVehicleReportingFasterThanTheRefreshShowsItsNewestFixOncePerRefresh() {
        stored(1, 0, 53.0);
        stored(1, 1, 53.1);
        assertThat(publishAt(0)).containsExactly(53.1);

        stored(1, 2, 53.2);
        assertThat(publishAt(100)).as("published 100 ms ago: waits").isEmpty();
        stored(1, 3, 53.3);
        stored(1, 2, 53.25); // a late retry of an older fix does not replace the newer one
        assertThat(publishAt(900)).isEmpty();
        assertThat(publishAt(1000)).containsExactly(53.3);
        assertThat(publishAt(2500)).as("nothing new").isEmpty();
    }

    @Test
    void otherVehiclesAndSlowReportersAreNotHeldBack() {
        stored(1, 0, 53.0);
        assertThat(publishAt(0)).containsExactly(53.0);
        stored(2, 0, 54.0);
        assertThat(publishAt(100)).containsExactly(54.0);
        stored(1, 5, 53.5); // the usual tracker: every few seconds
        assertThat(publishAt(5000)).containsExactly(53.5);
    }

    @Test
    void aFleetLargerThanTheMapsBudgetMovesEachVehicleLessOften() {
        LiveMapFeed budgeted = new LiveMapFeed(event -> published.addAll(((VehiclesMoved) event).moves()), 100, 1000, 10);
        for (long v = 1; v <= 20; v++) {
            offer(budgeted, v, 0);
        }
        assertThat(publish(budgeted, 0)).as("first fixes go out at once").hasSize(20);
        for (long v = 1; v <= 20; v++) {
            offer(budgeted, v, 1);
        }
        assertThat(publish(budgeted, 1000)).as("20 vehicles at 10 moves/s: each every 2 s").isEmpty();
        assertThat(publish(budgeted, 2000)).hasSize(20);

        LiveMapFeed small = new LiveMapFeed(event -> published.addAll(((VehiclesMoved) event).moves()), 100, 1000, 10);
        for (long v = 1; v <= 5; v++) {
            offer(small, v, 0);
        }
        publish(small, 0);
        for (long v = 1; v <= 5; v++) {
            offer(small, v, 1);
        }
        assertThat(publish(small, 1000)).as("within the budget: the configured refresh").hasSize(5);

        offer(budgeted, 1, 30);
        assertThat(publish(budgeted, 30_000)).as("after a long quiet the budget is free again").hasSize(1);
        offer(budgeted, 1, 31);
        assertThat(publish(budgeted, 31_000)).as("one vehicle reporting: every second").hasSize(1);
    }

    private void offer(LiveMapFeed target, long vehicleId, int second) {
        PositionReport report = new PositionReport("D" + vehicleId, start.plusSeconds(second), 53.0, -2.2, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, Map.of());
        target.offer(List.of(new PositionWriter.Pending(report, vehicleId, 1, "REG" + vehicleId, start, new CompletableFuture<>())));
    }

    private List<VehicleMove> publish(LiveMapFeed target, long millis) {
        published.clear();
        target.publish(millis * 1_000_000L);
        return List.copyOf(published);
    }

    @Test
    void manyMovesTravelInChunksSmallEnoughForOneNotify() {
        List<Integer> sizes = new ArrayList<>();
        LiveMapFeed chunked = new LiveMapFeed(event -> sizes.add(((VehiclesMoved) event).moves().size()), 100, 1000, 1000);
        List<PositionWriter.Pending> batch = new ArrayList<>();
        for (long v = 1; v <= 120; v++) {
            batch.add(new PositionWriter.Pending(new PositionReport("D" + v, start, 53.0, -2.2, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, Map.of()), v, 1, "REG" + v, start, new CompletableFuture<>()));
        }
        chunked.offer(batch);
        assertThat(chunked.publish(0)).isEqualTo(120);
        assertThat(sizes).containsExactly(VehiclesMoved.MAX_MOVES, VehiclesMoved.MAX_MOVES, 20);
    }
}
