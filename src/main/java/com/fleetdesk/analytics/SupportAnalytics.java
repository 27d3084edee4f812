package com.fleetdesk.analytics;

import com.fleetdesk.base.security.Authority;
import com.fleetdesk.support.SupportKpiSummary;
import com.fleetdesk.support.SupportKpis;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The support dashboard's numbers: the support module's KPIs (bot-resolved share, first-contact
 * resolution, handle time, CSAT, escalation rate) for the whole period and for each month in it,
 * cached per filter and recomputed when a conversation changes.
 */
@Service
public class SupportAnalytics {

    static final String TOTAL = "analytics.support.total";
    static final String MONTHLY = "analytics.support.monthly";

    /** One month's figures; the first and last month may be partial (cut to the period). */
    public record SupportMonth(YearMonth month, SupportKpiSummary kpis) {
    }

    private final SupportKpis kpis;
    private final DashboardScope scope;
    private final AnalyticsCaches caches;

    SupportAnalytics(SupportKpis kpis, DashboardScope scope, AnalyticsCaches caches) {
        this.kpis = kpis;
        this.scope = scope;
        this.caches = caches;
        caches.define(TOTAL, AnalyticsCaches.Source.SUPPORT);
        caches.define(MONTHLY, AnalyticsCaches.Source.SUPPORT);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.SUPPORT_AGENT})
    public SupportKpiSummary total(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(TOTAL, q, () -> kpis.summary(filter.from(), filter.to(), filter.depotId()));
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.SUPPORT_AGENT})
    public List<SupportMonth> monthly(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(MONTHLY, q, () -> {
            List<SupportMonth> months = new ArrayList<>();
            for (YearMonth m = YearMonth.from(filter.from()); !m.isAfter(YearMonth.from(filter.to())); m = m.plusMonths(1)) {
                LocalDate first = m.atDay(1).isBefore(filter.from()) ? filter.from() : m.atDay(1);
                LocalDate last = m.atEndOfMonth().isAfter(filter.to()) ? filter.to() : m.atEndOfMonth();
                months.add(new SupportMonth(m, kpis.summary(first, last, filter.depotId())));
            }
            return List.copyOf(months);
        });
    }
}
