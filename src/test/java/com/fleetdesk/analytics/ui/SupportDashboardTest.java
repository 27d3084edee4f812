package com.fleetdesk.analytics.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.analytics.AnalyticsCaches;
import com.fleetdesk.analytics.AnalyticsFilter;
import com.fleetdesk.analytics.SupportAnalytics;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.support.ConversationStatus;
import com.fleetdesk.support.SupportConversationChanged;
import com.fleetdesk.support.SupportKpis;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The support dashboard reads the support module's KPIs (its demo history), cached and refreshed on change. */
@FleetdeskTest
@ViewPackages(classes = {SupportDashboardView.class, MainLayout.class})
class SupportDashboardTest extends SpringBrowserlessTest {

    @Autowired
    SupportAnalytics support;
    @Autowired
    SupportKpis kpis;
    @Autowired
    AnalyticsCaches caches;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    private static final AnalyticsFilter DEMO_PERIOD = new AnalyticsFilter(LocalDate.of(2026, 8, 24), LocalDate.of(2026, 11, 21), null);

    @Test
    @WithUserDetails("admin")
    void monthsAddUpToThePeriodAndTheCacheIsRefreshedWhenAConversationChanges() {
        var total = support.total(DEMO_PERIOD);
        assertThat(total).isEqualTo(kpis.summary(DEMO_PERIOD.from(), DEMO_PERIOD.to(), null));
        assertThat(total.conversations()).as("the demo history").isPositive();
        var months = support.monthly(DEMO_PERIOD);
        assertThat(months).extracting(m -> m.month().toString()).containsExactly("2026-08", "2026-09", "2026-10", "2026-11");
        assertThat(months.stream().mapToLong(m -> m.kpis().conversations()).sum()).isEqualTo(total.conversations());

        long hits = caches.stats("analytics.support.total").hitCount();
        support.total(DEMO_PERIOD);
        assertThat(caches.stats("analytics.support.total").hitCount()).isEqualTo(hits + 1);
        transactions.executeWithoutResult(tx -> events.publishEvent(new SupportConversationChanged(1, "driver", null, ConversationStatus.BOT)));
        long misses = caches.stats("analytics.support.total").missCount();
        support.total(DEMO_PERIOD);
        assertThat(caches.stats("analytics.support.total").missCount()).isEqualTo(misses + 1);
    }

    @Test
    @WithUserDetails("agent")
    void agentsReadTheFiguresAsTextAndAsCharts() {
        SupportDashboardView view = navigate(SupportDashboardView.class);
        view.from.setValue(DEMO_PERIOD.from());
        view.to.setValue(DEMO_PERIOD.to());
        assertThat(view.resolution.summaryText()).matches("\\d+ conversations: the assistant resolved .* on its own and .* were handed to a person\\.");
        assertThat(view.satisfaction.summaryText()).startsWith("Average rating ");
        assertThat(view.firstContact.chart().getConfiguration().getSeries()).hasSize(1);
    }

    @Test
    @WithUserDetails("driver")
    void driversDoNotSeeSupportFigures() {
        assertThatThrownBy(() -> support.total(DEMO_PERIOD)).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
