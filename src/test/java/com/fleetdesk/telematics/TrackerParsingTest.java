package com.fleetdesk.telematics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The hand-written checks on the ingest path agree with what they replaced. */
class TrackerParsingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void deviceIdsAreOneToSixtyFourLettersDigitsOrDotUnderscoreColonDash() {
        assertThat(TrackerProtocols.isDeviceId("FD0001")).isTrue();
        assertThat(TrackerProtocols.isDeviceId("user:phone-2_a.b")).isTrue();
        assertThat(TrackerProtocols.isDeviceId("x".repeat(64))).isTrue();
        assertThat(TrackerProtocols.isDeviceId("x".repeat(65))).isFalse();
        assertThat(TrackerProtocols.isDeviceId("")).isFalse();
        for (String bad : new String[]{"FD 1", "FD/1", "FD%1", "Fé1", "a'b", "a\"b", "a\u0000b"}) {
            assertThat(TrackerProtocols.isDeviceId(bad)).as(bad).isFalse();
        }
        Map<String, String> params = new HashMap<>(Map.of("id", "FD 1", "lat", "51", "lon", "-2"));
        assertThatThrownBy(() -> TrackerProtocols.osmAnd(params, NOW)).isInstanceOf(IngestRejected.class)
                .hasMessageContaining("device id must be");
    }

    @Test
    void numericTimestampsAreSecondsOrMillisecondsAndOthersIso() {
        assertThat(TrackerProtocols.timestamp("1765108800", NOW)).isEqualTo(Instant.ofEpochSecond(1765108800));
        assertThat(TrackerProtocols.timestamp(" 1765108800123 ", NOW)).isEqualTo(Instant.ofEpochMilli(1765108800123L));
        assertThat(TrackerProtocols.timestamp("2026-12-07T11:59:00Z", NOW)).isEqualTo(Instant.parse("2026-12-07T11:59:00Z"));
        assertThat(TrackerProtocols.timestamp("", NOW)).isEqualTo(NOW);
        assertThatThrownBy(() -> TrackerProtocols.timestamp("12a4", NOW)).isInstanceOf(IngestRejected.class);
    }

    @Test
    void distancesMatchTheHaversineWithTheLibraryArcSineNearAndFar() {
        double[][] pairs = {
                {51.5, -0.12, 51.5, -0.12}, // standing still
                {51.5, -0.12, 51.50001, -0.12001}, // a metre or so
                {51.5, -0.12, 51.52, -0.09}, // a city block
                {51.5, -0.12, 52.2, 0.12}, // London - Cambridge, 80 km
                {51.5, -0.12, 53.48, -2.24}, // London - Manchester, 260 km: past the series' range
                {51.5, -0.12, -33.87, 151.21}, // London - Sydney
                {0, 0, 0, 180}, // half the globe
        };
        for (double[] p : pairs) {
            double fast = Trail.distanceKm(new TrailPoint(null, p[0], p[1], null, null), new TrailPoint(null, p[2], p[3], null, null));
            double dLat = Math.toRadians(p[2] - p[0]);
            double dLon = Math.toRadians(p[3] - p[1]);
            double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(p[0])) * Math.cos(Math.toRadians(p[2])) * Math.pow(Math.sin(dLon / 2), 2);
            double exact = 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
            assertThat(fast).as("%s", java.util.Arrays.toString(p)).isCloseTo(exact, within(Math.max(1e-12, exact * 1e-12)));
        }
        assertThat(Trail.distanceKm(new TrailPoint(null, 51.5, -0.12, null, null), new TrailPoint(null, 52.2, 0.12, null, null)))
                .isBetween(78.0, 80.0);
    }
}
