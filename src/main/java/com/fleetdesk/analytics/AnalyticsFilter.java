package com.fleetdesk.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What every dashboard is filtered by: a date range (both days included, in the fleet's time
 * zone) and optionally one depot; {@code depotId == null} means every depot the user may see.
 */
public record AnalyticsFilter(LocalDate from, LocalDate to, Long depotId) {

    /** The longest range a dashboard aggregates: two years and a day (a leap year included). */
    public static final int MAX_DAYS = 732;

    /** The current month and the two before it, up to {@code today}. */
    public static AnalyticsFilter lastThreeMonths(LocalDate today) {
        return new AnalyticsFilter(today.withDayOfMonth(1).minusMonths(2), today, null);
    }

    public AnalyticsFilter withDepot(Long depot) {
        return new AnalyticsFilter(from, to, depot);
    }

    /** Number of days in the range, both ends included. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
