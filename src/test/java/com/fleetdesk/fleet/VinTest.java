package com.fleetdesk.fleet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VinTest {

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9AXKP042788", "WF0XXXTTGXKY12345", "WDB9066331S123456", "VF1MA000123456789"})
    void acceptsWellFormedVins(String vin) {
        assertThat(Vin.Validator.isValidVin(vin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9A1KP042788", // North-American VIN with a wrong check digit
            "WF0XXXTTGXKY1234", // 16 characters
            "WF0XXXTTGXKY123456", // 18 characters
            "WF0OXXTTGXKY12345", // contains O
            "WF0IXXTTGXKY12345", // contains I
            "wf0xxxttgxky12345"}) // lower case is normalised by the entity, not accepted raw
    void rejectsMalformedVins(String vin) {
        assertThat(Vin.Validator.isValidVin(vin)).isFalse();
    }
}
