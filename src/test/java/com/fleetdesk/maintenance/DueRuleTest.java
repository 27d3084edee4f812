package com.fleetdesk.maintenance;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DueRuleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    private static DueStatus byKm(String odometer) {
        BigDecimal next = DueRule.nextKm(15_000, new BigDecimal("45000"));
        return DueRule.status(next, null, new BigDecimal(odometer), TODAY);
    }

    private static DueStatus byTime(LocalDate lastService) {
        return DueRule.status(null, DueRule.nextDate(12, lastService), BigDecimal.ZERO, TODAY);
    }

    @Test
    void byDistanceTheServiceIsDueSoonWithin1000KmAndOverdueFromTheDueReading() {
        assertThat(DueRule.nextKm(15_000, new BigDecimal("45000"))).isEqualByComparingTo("60000");
        assertThat(byKm("50000")).isEqualTo(DueStatus.OK);
        assertThat(byKm("58999.9")).isEqualTo(DueStatus.OK);
        assertThat(byKm("59000")).isEqualTo(DueStatus.DUE_SOON);
        assertThat(byKm("59999.9")).isEqualTo(DueStatus.DUE_SOON);
        assertThat(byKm("60000")).isEqualTo(DueStatus.OVERDUE);
        assertThat(byKm("75000")).isEqualTo(DueStatus.OVERDUE);
    }

    @Test
    void byTimeTheServiceIsDueSoonWithin30DaysAndOverdueAfterTheDueDate() {
        assertThat(DueRule.nextDate(12, LocalDate.of(2025, 6, 15))).isEqualTo(TODAY);
        assertThat(byTime(LocalDate.of(2025, 9, 1))).isEqualTo(DueStatus.OK);
        assertThat(byTime(LocalDate.of(2025, 7, 15))).as("due in exactly 30 days").isEqualTo(DueStatus.DUE_SOON);
        assertThat(byTime(LocalDate.of(2025, 7, 16))).isEqualTo(DueStatus.OK);
        assertThat(byTime(LocalDate.of(2025, 6, 15))).as("due today: not yet overdue").isEqualTo(DueStatus.DUE_SOON);
        assertThat(byTime(LocalDate.of(2025, 6, 14))).isEqualTo(DueStatus.OVERDUE);
    }

    @Test
    void whicheverComesFirstDecides() {
        BigDecimal nextKm = new BigDecimal("60000");
        LocalDate nextDate = TODAY.plusMonths(6);
        assertThat(DueRule.status(nextKm, nextDate, new BigDecimal("30000"), TODAY)).isEqualTo(DueStatus.OK);
        assertThat(DueRule.status(nextKm, nextDate, new BigDecimal("61000"), TODAY)).as("km reached, date far").isEqualTo(DueStatus.OVERDUE);
        assertThat(DueRule.status(nextKm, TODAY.minusDays(1), new BigDecimal("30000"), TODAY)).as("date passed, km far").isEqualTo(DueStatus.OVERDUE);
        assertThat(DueRule.status(nextKm, TODAY.plusDays(10), new BigDecimal("30000"), TODAY)).isEqualTo(DueStatus.DUE_SOON);
    }
}
