package com.fleetdesk.inventory;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemandForecastTest {

    @Test
    void followsALinearTrendThroughNoiseAndItsBandHoldsMostActuals() {
        Random random = new Random(42);
        int days = 90;
        int horizon = 21;
        double sigma = 1.5;
        double[] history = new double[days];
        for (int t = 0; t < days; t++) {
            history[t] = Math.max(0, 5 + 0.1 * t + random.nextGaussian() * sigma);
        }
        DemandForecast forecast = DemandForecast.of(history, horizon);

        assertThat(forecast.trend()).isCloseTo(0.1, within(0.05));
        assertThat(forecast.sigma()).isCloseTo(sigma, within(0.5));
        int inside = 0;
        int trials = 0;
        for (int k = 1; k <= horizon; k++) {
            double truth = 5 + 0.1 * (days - 1 + k);
            DemandForecast.Day day = forecast.days().get(k - 1);
            assertThat(day.ahead()).isEqualTo(k);
            assertThat(day.expected()).as("day %d", k).isCloseTo(truth, within(1.5));
            for (int run = 0; run < 20; run++) {
                double actual = truth + random.nextGaussian() * sigma;
                trials++;
                if (actual >= day.lower() && actual <= day.upper()) {
                    inside++;
                }
            }
        }
        assertThat(inside / (double) trials).as("share of actuals inside the band").isGreaterThan(0.85);
        double expectedTotal = 0;
        for (int k = 1; k <= 14; k++) {
            expectedTotal += 5 + 0.1 * (days - 1 + k);
        }
        assertThat(forecast.total(14)).isCloseTo(expectedTotal, within(expectedTotal * 0.1));
    }

    @Test
    void flatDemandHasNoTrendAndShortHistoriesUseTheAverage() {
        double[] flat = new double[60];
        java.util.Arrays.fill(flat, 3);
        DemandForecast f = DemandForecast.of(flat, 7);
        assertThat(f.trend()).isCloseTo(0, within(1e-9));
        assertThat(f.days().get(6).expected()).isCloseTo(3, within(1e-9));

        DemandForecast shortOne = DemandForecast.of(new double[]{2, 4, 3, 3}, 7);
        assertThat(shortOne.days()).hasSize(7).allSatisfy(d -> assertThat(d.expected()).isCloseTo(3, within(1e-9)));
        assertThat(DemandForecast.of(new double[0], 7).total(7)).isZero();
    }
}
