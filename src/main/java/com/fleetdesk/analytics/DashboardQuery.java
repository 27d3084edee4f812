package com.fleetdesk.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A filter resolved against the user's depot scope: the explicit depots to aggregate over.
 * It is the cache key, so two users who may see the same depots share cached results.
 */
record DashboardQuery(LocalDate from, LocalDate to, List<Long> depots, ZoneId zone) {

    /** Start of {@code from} in the fleet's zone, as the timestamptz the tables hold. */
    OffsetDateTime start() {
        return from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Start of the day after {@code to}: ranges are half-open. */
    OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    boolean noDepots() {
        return depots.isEmpty();
    }

    boolean includesDay(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
