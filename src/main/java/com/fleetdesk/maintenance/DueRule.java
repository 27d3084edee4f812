package com.fleetdesk.maintenance;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * When a service falls due: the last service plus the schedule's interval, by km and/or by
 * months, whichever comes first. "Due soon" starts {@value #SOON_KM} km or {@value #SOON_DAYS}
 * days before; "overdue" once the odometer reaches the due km or the due date has passed.
 */
final class DueRule {

    static final int SOON_KM = 1000;
    static final int SOON_DAYS = 30;

    private DueRule() {
    }

    static BigDecimal nextKm(Integer intervalKm, BigDecimal lastKm) {
        return intervalKm == null ? null : lastKm.add(BigDecimal.valueOf(intervalKm));
    }

    static LocalDate nextDate(Integer intervalMonths, LocalDate lastDate) {
        return intervalMonths == null ? null : lastDate.plusMonths(intervalMonths);
    }

    static DueStatus status(BigDecimal nextKm, LocalDate nextDate, BigDecimal odometerKm, LocalDate today) {
        boolean overdue = (nextKm != null && odometerKm.compareTo(nextKm) >= 0) || (nextDate != null && today.isAfter(nextDate));
        if (overdue) {
            return DueStatus.OVERDUE;
        }
        boolean soon = (nextKm != null && odometerKm.compareTo(nextKm.subtract(BigDecimal.valueOf(SOON_KM))) >= 0)
                || (nextDate != null && !today.isBefore(nextDate.minusDays(SOON_DAYS)));
        return soon ? DueStatus.DUE_SOON : DueStatus.OK;
    }
}
