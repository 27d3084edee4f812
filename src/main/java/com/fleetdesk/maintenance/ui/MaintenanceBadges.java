package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.maintenance.DueStatus;
import com.fleetdesk.maintenance.WorkOrderStatus;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Status badges (text carries the meaning) and the number and date formats of the maintenance screens. */
final class MaintenanceBadges {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    private MaintenanceBadges() {
    }

    static StatusBadge.Tone tone(DueStatus status) {
        return switch (status) {
            case OK -> StatusBadge.Tone.SUCCESS;
            case DUE_SOON -> StatusBadge.Tone.WARNING;
            case OVERDUE -> StatusBadge.Tone.ERROR;
        };
    }

    static StatusBadge workOrder(WorkOrderStatus status) {
        return new StatusBadge(status.label(), tone(status));
    }

    static StatusBadge.Tone tone(WorkOrderStatus status) {
        return switch (status) {
            case OPEN -> StatusBadge.Tone.INFO;
            case IN_PROGRESS -> StatusBadge.Tone.WARNING;
            case DONE -> StatusBadge.Tone.SUCCESS;
            case CANCELLED -> StatusBadge.Tone.NEUTRAL;
        };
    }

    static String km(BigDecimal km) {
        return km == null ? "—" : NumberFormat.getIntegerInstance(Locale.UK).format(km.setScale(0, java.math.RoundingMode.HALF_UP)) + " km";
    }

    static String money(BigDecimal amount) {
        return NumberFormat.getCurrencyInstance(Locale.UK).format(amount);
    }

    static String date(LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }
}
