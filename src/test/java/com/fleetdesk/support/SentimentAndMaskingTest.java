package com.fleetdesk.support;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented sentiment score and the masking rules, without Spring. */
class SentimentAndMaskingTest {

    @Test
    void sentimentCountsPhrasesShoutingAndRepeatedPunctuation() {
        assertThat(Sentiment.score("How do I log a trip?")).isZero();
        assertThat(Sentiment.score("Thanks, that was helpful")).isEqualTo(0.8);
        assertThat(Sentiment.score("the map is not working")).isEqualTo(-0.4);
        assertThat(Sentiment.score("the map is not working")).isGreaterThan(Sentiment.FRUSTRATED);
        assertThat(Sentiment.score("this is useless")).isLessThanOrEqualTo(Sentiment.FRUSTRATED);
        assertThat(Sentiment.score("still not working!!")).isEqualTo(-1.0);
        assertThat(Sentiment.score("WHY DOES THIS HAPPEN")).isEqualTo(-0.3);
        assertThat(Sentiment.score("a useful tool")).as("'useless' is a word, not a substring").isZero();
    }

    @Test
    void maskingReplacesPersonalDataConsistentlyAndUnmaskingRestoresIt() {
        PiiMasker masker = new PiiMasker(false, List.of("Drew Driver"));
        String masked = masker.mask("Drew Driver here, phone +44 7700 900123, mail drew@example.com; my colleague Priya Shah "
                + "drives MA21 XYZ. Call Drew Driver back.");
        assertThat(masked).isEqualTo("[NAME_1] here, phone [PHONE_1], mail [EMAIL_1]; my colleague [NAME_2] drives MA21 XYZ. Call [NAME_1] back.");
        assertThat(masker.unmask("I will call [NAME_1] on [PHONE_1] about [NAME_2].")).isEqualTo("I will call Drew Driver on +44 7700 900123 about Priya Shah.");

        PiiMasker plates = new PiiMasker(true, List.of());
        assertThat(plates.mask("Where is MA21 XYZ and ma21xyz?")).isEqualTo("Where is [PLATE_1] and [PLATE_2]?");
        assertThat(plates.mask("trip 1234 on 2026-11-22")).as("numbers that are no phone numbers stay").isEqualTo("trip 1234 on 2026-11-22");
    }

    @Test
    void helpTextIsNotTakenForNames() {
        PiiMasker masker = new PiiMasker(false, List.of());
        String passage = "Vehicles and their status: Assigning a driver\nEdit the vehicle and choose its current driver. Order a Screwdriver Set.";
        assertThat(masker.mask(passage)).isEqualTo(passage);
        assertThat(masker.mask("Hi, my name is Drew Driver and the driver Priya Shah is late")).isEqualTo("Hi, my name is [NAME_1] and the driver [NAME_2] is late");
    }
}
