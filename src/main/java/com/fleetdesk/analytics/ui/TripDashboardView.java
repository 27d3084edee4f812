package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.AnalyticsFilter;
import com.fleetdesk.analytics.AnalyticsRecords;
import com.fleetdesk.analytics.DepotChoice;
import com.fleetdesk.analytics.TripAnalytics;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.trips.TripChanged;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;

/** Trip spend, approval turnaround and policy violations, for fleet managers and office staff. */
@Route("analytics/trips")
@PageTitle("Trips dashboard · Fleetdesk")
@Menu(title = "Trips dashboard", order = 510, icon = "vaadin:chart-timeline")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.OFFICE_STAFF})
public class TripDashboardView extends DashboardView {

    private final TripAnalytics trips;
    private final AnalyticsRecords records;
    final ChartCard byDepot = card("Spend by depot");
    final ChartCard byCategory = card("Spend by category");
    final ChartCard byMonth = card("Spend per month");
    final ChartCard turnaround = card("Approval turnaround");
    final ChartCard violations = card("Policy violations");
    private List<TripAnalytics.Spend> depots = List.of();
    private List<TripAnalytics.Spend> categories = List.of();
    private List<TripAnalytics.Spend> monthsSpend = List.of();
    private List<TripAnalytics.Turnaround> turnarounds = List.of();
    private List<TripAnalytics.PolicyMonth> policy = List.of();
    private List<TripAnalytics.PolicyRuleCount> rules = List.of();

    public TripDashboardView(TripAnalytics trips, AnalyticsRecords records, DepotService depotService, LiveEventBus live) {
        super("Trips dashboard", depotService.visibleDepots().stream().map(DepotChoice::of).toList());
        this.trips = trips;
        this.records = records;
        byDepot.onPointClick((s, p) -> showClaims("Claimed trips of " + depots.get(p).label(),
                new AnalyticsRecords.TripSelection(null, null, Long.valueOf(depots.get(p).key()), null, null, true, false, false)));
        byDepot.onShowRecords(() -> spendTable("Spend by depot", depots));
        byCategory.onPointClick((s, p) -> showClaims(categories.get(p).label() + " claims",
                new AnalyticsRecords.TripSelection(null, null, null, null, categories.get(p).key(), true, false, false)));
        byCategory.onShowRecords(() -> spendTable("Spend by category", categories));
        byMonth.onPointClick((s, p) -> showClaims("Claimed trips in " + monthsSpend.get(p).label(),
                new AnalyticsRecords.TripSelection(null, null, null, YearMonth.parse(monthsSpend.get(p).key()), null, true, false, false)));
        byMonth.onShowRecords(() -> spendTable("Spend per month", monthsSpend));
        turnaround.onPointClick((s, p) -> showClaims("Trips decided in " + turnarounds.get(p).month(),
                new AnalyticsRecords.TripSelection(null, null, null, turnarounds.get(p).month(), null, false, false, true)));
        turnaround.onShowRecords(() -> RecordsDialog.table("Approval turnaround per month", turnarounds,
                RecordsDialog.Column.text("Month decided", t -> t.month().toString()),
                RecordsDialog.Column.number("Decisions", t -> Long.toString(t.decided())),
                RecordsDialog.Column.number("Average (h)", t -> Charts.number(t.averageHours(), 1)),
                RecordsDialog.Column.number("Median (h)", t -> Charts.number(t.medianHours(), 1)),
                RecordsDialog.Column.number("90th percentile (h)", t -> Charts.number(t.p90Hours(), 1))).open());
        violations.onPointClick((s, p) -> showClaims("Trips breaking a rule in " + policy.get(p).month(),
                new AnalyticsRecords.TripSelection(null, null, null, policy.get(p).month(), null, false, true, false)));
        violations.onShowRecords(() -> showClaims("Trips breaking an expense rule",
                new AnalyticsRecords.TripSelection(null, null, null, null, null, false, true, false)));
        refreshOn(live, TripChanged.class);
    }

    @Override
    protected void render(AnalyticsFilter filter) {
        String currency = trips.currency();
        List<TripAnalytics.Spend> spend = trips.spend(filter);
        depots = spend.stream().filter(s -> s.dimension() == TripAnalytics.Dimension.DEPOT).toList();
        categories = spend.stream().filter(s -> s.dimension() == TripAnalytics.Dimension.CATEGORY).toList();
        monthsSpend = spend.stream().filter(s -> s.dimension() == TripAnalytics.Dimension.MONTH).toList();
        BigDecimal total = depots.stream().map(TripAnalytics.Spend::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        long claims = depots.stream().mapToLong(TripAnalytics.Spend::trips).sum();
        spendChart(byDepot, depots, currency, depots.isEmpty() ? "No claimed spend in this period."
                : Charts.money(currency, total) + " claimed on " + claims + " submitted or approved trips; "
                + depots.getFirst().label() + " spent most (" + Charts.money(currency, depots.getFirst().amount()) + ").");
        spendChart(byCategory, categories, currency, categories.isEmpty() ? "No claimed spend in this period."
                : categories.stream().map(c -> c.label() + " " + share(c.amount(), total)).collect(Collectors.joining(", ")) + " of the spend.");
        spendChart(byMonth, monthsSpend, currency, monthsSpend.isEmpty() ? "No claimed spend in this period."
                : "Average " + Charts.money(currency, total.divide(BigDecimal.valueOf(monthsSpend.size()), 2, java.math.RoundingMode.HALF_UP))
                + " per month over " + monthsSpend.size() + " months.");

        turnarounds = trips.turnaround(filter);
        long decided = turnarounds.stream().mapToLong(TripAnalytics.Turnaround::decided).sum();
        double weightedAverage = decided == 0 ? 0
                : turnarounds.stream().mapToDouble(t -> t.averageHours() * t.decided()).sum() / decided;
        Configuration conf = turnaround.reset(ChartType.COLUMN, decided == 0 ? "No trips were decided in this period."
                : decided + " claims decided, on average " + Charts.number(weightedAverage, 1) + " hours after submission.");
        List<String> labels = turnarounds.stream().map(t -> t.month().toString()).toList();
        Charts.series(conf, "Median (hours)", "hours", labels, turnarounds.stream().map(t -> Charts.round(t.medianHours(), 1)).toList());
        ListSeries p90 = new ListSeries("90th percentile (hours)", turnarounds.stream().map(t -> (Number) Charts.round(t.p90Hours(), 1)).toList());
        p90.setPlotOptions(new PlotOptionsLine());
        conf.addSeries(p90);
        conf.getLegend().setEnabled(true);

        policy = trips.policyViolations(filter);
        rules = trips.violationsByRule(filter);
        long checked = policy.stream().mapToLong(TripAnalytics.PolicyMonth::trips).sum();
        long broken = policy.stream().mapToLong(TripAnalytics.PolicyMonth::withViolations).sum();
        Configuration pc = violations.reset(ChartType.COLUMN, checked == 0 ? "No submitted trips in this period."
                : broken + " of " + checked + " submitted trips (" + Charts.percent(100.0 * broken / checked) + ") broke an expense rule"
                + (rules.isEmpty() ? "." : "; most often: " + rules.getFirst().rule() + " (" + rules.getFirst().violations() + ")."));
        Charts.labelValues(Charts.series(pc, "Trips breaking a rule", "trips", policy.stream().map(m -> m.month().toString()).toList(),
                policy.stream().map(TripAnalytics.PolicyMonth::withViolations).toList()));
        Charts.lineOnSecondAxis(pc, "Share of trips (%)", "% of trips", policy.stream().map(m -> Charts.round(m.share(), 1)).toList());
    }

    private static String share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? "0 %" : Charts.percent(part.doubleValue() * 100 / total.doubleValue());
    }

    private void spendChart(ChartCard card, List<TripAnalytics.Spend> rows, String currency, String summary) {
        Configuration conf = card.reset(ChartType.COLUMN, summary);
        Charts.labelValues(Charts.series(conf, "Spend (" + currency + ")", currency, rows.stream().map(TripAnalytics.Spend::label).toList(),
                rows.stream().map(s -> s.amount().setScale(0, java.math.RoundingMode.HALF_UP)).toList()));
    }

    private void spendTable(String title, List<TripAnalytics.Spend> rows) {
        RecordsDialog.table(title, rows,
                RecordsDialog.Column.text("Group", TripAnalytics.Spend::label),
                RecordsDialog.Column.number("Trips", s -> Long.toString(s.trips())),
                RecordsDialog.Column.number("Spend", s -> Charts.money(trips.currency(), s.amount()))).open();
    }

    private void showClaims(String title, AnalyticsRecords.TripSelection selection) {
        RecordsDialog.trips(title, records.trips(filter(), selection)).open();
    }
}
