package com.fleetdesk.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Holt's linear exponential smoothing (level + trend) over daily quantities, with the smoothing
 * constants chosen by the smallest one-step-ahead squared error on the history, and a band of
 * ±1.96 residual standard deviations (widening with the horizon). Short histories (under two
 * weeks) fall back to a moving average without trend.
 */
public record DemandForecast(double level, double trend, double sigma, double alpha, double beta, List<Day> days) {

    /** Forecast for day {@code ahead} (1 = tomorrow) with its band; never below zero. */
    public record Day(int ahead, double expected, double lower, double upper) {
    }

    private static final double Z = 1.96;

    public static DemandForecast of(double[] history, int horizon) {
        if (horizon < 1 || horizon > 366) {
            throw new IllegalArgumentException("horizon must be 1..366 days");
        }
        int n = history.length;
        if (n < 14) {
            double mean = 0;
            for (double v : history) {
                mean += v;
            }
            mean = n == 0 ? 0 : mean / n;
            double var = 0;
            for (double v : history) {
                var += (v - mean) * (v - mean);
            }
            double sigma = n < 2 ? mean : Math.sqrt(var / (n - 1));
            return build(mean, 0, sigma, 0, 0, horizon);
        }
        double bestSse = Double.MAX_VALUE;
        double[] best = null;
        for (double alpha = 0.05; alpha <= 0.801; alpha += 0.05) {
            for (double beta = 0.01; beta <= 0.301; beta += 0.02) {
                double[] fit = fit(history, alpha, beta);
                if (fit[2] < bestSse) {
                    bestSse = fit[2];
                    best = new double[]{fit[0], fit[1], alpha, beta};
                }
            }
        }
        double sigma = Math.sqrt(bestSse / (n - 7 - 2));
        return build(best[0], best[1], sigma, best[2], best[3], horizon);
    }

    /** Level, trend and the one-step-ahead squared error after the first week, which seeds level and trend. */
    private static double[] fit(double[] y, double alpha, double beta) {
        double first = 0;
        double second = 0;
        for (int i = 0; i < 7; i++) {
            first += y[i];
            second += y[i + 7];
        }
        double trend = (second - first) / 49.0;
        double level = first / 7.0 + 3 * trend; // the first week's mean sits at its middle day
        double sse = 0;
        for (int t = 7; t < y.length; t++) {
            double predicted = level + trend;
            double error = y[t] - predicted;
            sse += error * error;
            double previous = level;
            level = alpha * y[t] + (1 - alpha) * (level + trend);
            trend = beta * (level - previous) + (1 - beta) * trend;
        }
        return new double[]{level, trend, sse};
    }

    private static DemandForecast build(double level, double trend, double sigma, double alpha, double beta, int horizon) {
        List<Day> days = new ArrayList<>(horizon);
        double variance = 1; // in units of sigma²: 1 + Σ_{j<k} (α(1 + jβ))², Holt's prediction interval
        for (int k = 1; k <= horizon; k++) {
            if (k > 1) {
                double c = alpha * (1 + (k - 1) * beta);
                variance += c * c;
            }
            double expected = Math.max(0, level + k * trend);
            double spread = Z * sigma * Math.sqrt(variance);
            days.add(new Day(k, expected, Math.max(0, expected - spread), expected + spread));
        }
        return new DemandForecast(level, trend, sigma, alpha, beta, List.copyOf(days));
    }

    /** Expected total over the first {@code days} days. */
    public double total(int days) {
        double sum = 0;
        for (int i = 0; i < Math.min(days, this.days.size()); i++) {
            sum += this.days.get(i).expected();
        }
        return sum;
    }

    /** Band of the total over {@code days} days (daily errors taken as independent). */
    public double totalSpread(int days) {
        return Z * sigma * Math.sqrt(Math.max(1, days));
    }
}
