package com.fleetdesk.trips;

import java.math.BigDecimal;

/**
 * Expected cost of a planned trip from similar past trips: {@code low}–{@code high} is the
 * 10th–90th percentile of their total cost, {@code typical} the median.
 */
public record CostEstimate(int similarTrips, BigDecimal low, BigDecimal typical, BigDecimal high, String currency, String basis) {

    public boolean available() {
        return similarTrips > 0;
    }
}
