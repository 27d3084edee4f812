package com.fleetdesk.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
