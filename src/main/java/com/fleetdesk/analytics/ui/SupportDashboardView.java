package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.AnalyticsFilter;
import com.fleetdesk.analytics.DepotChoice;
import com.fleetdesk.analytics.SupportAnalytics;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.support.SupportConversationChanged;
import com.fleetdesk.support.SupportKpiSummary;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** How support is doing: the assistant's share, first-contact resolution, handle time, ratings and escalations. */
@Route("analytics/support")
@PageTitle("Support dashboard · Fleetdesk")
@Menu(title = "Support dashboard", order = 525, icon = "vaadin:chat")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.SUPPORT_AGENT})
public class SupportDashboardView extends DashboardView {

    private final SupportAnalytics support;
    final ChartCard resolution = card("Resolved by the assistant and escalated");
    final ChartCard firstContact = card("First-contact resolution");
    final ChartCard handleTime = card("Average handle time");
    final ChartCard satisfaction = card("Customer satisfaction (CSAT)");
    private List<SupportAnalytics.SupportMonth> months = List.of();

    public SupportDashboardView(SupportAnalytics support, DepotService depotService, LiveEventBus live) {
        super("Support dashboard", depotService.visibleDepots().stream().map(DepotChoice::of).toList());
        this.support = support;
        for (ChartCard card : List.of(resolution, firstContact, handleTime, satisfaction)) {
            card.onShowRecords(this::monthTable);
            card.onPointClick((series, point) -> monthTable());
        }
        refreshOn(live, SupportConversationChanged.class);
    }

    @Override
    protected void render(AnalyticsFilter filter) {
        SupportKpiSummary total = support.total(filter);
        months = support.monthly(filter);
        List<String> labels = months.stream().map(m -> m.month().toString()).toList();
        boolean none = total.conversations() == 0;

        Configuration rc = resolution.reset(ChartType.COLUMN, none ? "No support conversations in this period."
                : total.conversations() + " conversations: the assistant resolved " + Charts.percent(100 * total.botResolvedShare())
                + " on its own and " + Charts.percent(100 * total.escalationRate()) + " were handed to a person.");
        Charts.labelValues(Charts.series(rc, "Resolved by the assistant (%)", "% of conversations", labels,
                values(m -> 100 * m.botResolvedShare())));
        Charts.labelValues(Charts.series(rc, "Escalated to a person (%)", "% of conversations", labels,
                values(m -> 100 * m.escalationRate())));
        rc.getLegend().setEnabled(true);

        Configuration fc = firstContact.reset(ChartType.COLUMN, none ? "No support conversations in this period."
                : Charts.percent(100 * total.firstContactResolution()) + " of resolved conversations were solved at first contact (no transfer, not reopened).");
        Charts.labelValues(Charts.series(fc, "First-contact resolution (%)", "% of resolved", labels,
                values(m -> 100 * m.firstContactResolution())));

        Configuration hc = handleTime.reset(ChartType.COLUMN, total.averageHandleTime() == null || total.averageHandleTime().isZero()
                ? "No conversation was handled by an agent in this period."
                : "Agents took on average " + Charts.number(total.averageHandleTime().toSeconds() / 60.0, 1) + " minutes from taking over to resolving.");
        Charts.labelValues(Charts.series(hc, "Average handle time (minutes)", "minutes", labels,
                values(m -> m.averageHandleTime() == null ? 0 : m.averageHandleTime().toSeconds() / 60.0)));

        Configuration sc = satisfaction.reset(ChartType.COLUMN, total.averageCsat() == null ? "No ratings were given in this period."
                : "Average rating " + Charts.number(total.averageCsat(), 2) + " out of 5.");
        Charts.labelValues(Charts.series(sc, "Average rating (1–5)", "rating", labels,
                values(m -> m.averageCsat() == null ? 0 : m.averageCsat())));
    }

    private List<Double> values(ToDoubleFunction<SupportKpiSummary> figure) {
        return months.stream().map(m -> Charts.round(figure.applyAsDouble(m.kpis()), 1)).toList();
    }

    private void monthTable() {
        RecordsDialog.table("Support figures per month", months,
                RecordsDialog.Column.text("Month", m -> m.month().toString()),
                RecordsDialog.Column.number("Conversations", m -> Long.toString(m.kpis().conversations())),
                RecordsDialog.Column.number("By the assistant", m -> Charts.percent(100 * m.kpis().botResolvedShare())),
                RecordsDialog.Column.number("Escalated", m -> Charts.percent(100 * m.kpis().escalationRate())),
                RecordsDialog.Column.number("First contact", m -> Charts.percent(100 * m.kpis().firstContactResolution())),
                RecordsDialog.Column.number("Handle time (min)", m -> m.kpis().averageHandleTime() == null ? "–"
                        : Charts.number(m.kpis().averageHandleTime().toSeconds() / 60.0, 1)),
                RecordsDialog.Column.number("CSAT", m -> m.kpis().averageCsat() == null ? "–" : Charts.number(m.kpis().averageCsat(), 2))).open();
    }
}
