package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.AnalyticsFilter;
import com.fleetdesk.analytics.AnalyticsRecords;
import com.fleetdesk.analytics.InventoryAnalytics;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.inventory.StockChanged;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.Stacking;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/** Stock value, turnover, stock-outs, top movers and weekly issues, for the warehouse and fleet managers. */
@Route("analytics/inventory")
@PageTitle("Inventory dashboard · Fleetdesk")
@Menu(title = "Inventory dashboard", order = 520, icon = "vaadin:chart-3d")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.WAREHOUSE})
public class InventoryDashboardView extends DashboardView {

    private final InventoryAnalytics inventory;
    private final AnalyticsRecords records;
    final ChartCard byLocation = card("Stock value by location");
    final ChartCard byCategory = card("Stock value by category");
    final ChartCard turnover = card("Turnover by category");
    final ChartCard stockOuts = card("Stock-outs by location");
    final ChartCard movers = card("Top movers");
    final ChartCard weekly = card("Issues per week against the trailing average");
    private List<InventoryAnalytics.StockValue> locations = List.of();
    private List<InventoryAnalytics.StockValue> categories = List.of();
    private List<InventoryAnalytics.Turnover> turnovers = List.of();
    private List<InventoryAnalytics.StockOuts> outs = List.of();
    private List<InventoryAnalytics.Mover> topMovers = List.of();
    private List<InventoryAnalytics.WeeklyIssues> weeks = List.of();

    public InventoryDashboardView(InventoryAnalytics inventory, AnalyticsRecords records, LiveEventBus live) {
        super("Inventory dashboard", inventory.stockDepots());
        this.inventory = inventory;
        this.records = records;
        depot.setHelperText("Empty: every stock location");
        depot.setPlaceholder("All locations");
        byLocation.onPointClick((s, p) -> showStock("Stock at " + locations.get(p).name(),
                new AnalyticsRecords.StockSelection(locations.get(p).id(), null, null, AnalyticsRecords.StockSelection.Level.ALL)));
        byLocation.onShowRecords(() -> showStock("Stock lines by value", AnalyticsRecords.StockSelection.all()));
        byCategory.onPointClick((s, p) -> showStock(categories.get(p).name() + " in stock",
                new AnalyticsRecords.StockSelection(null, categories.get(p).id(), null, AnalyticsRecords.StockSelection.Level.ALL)));
        byCategory.onShowRecords(() -> showStock("Stock lines by value", AnalyticsRecords.StockSelection.all()));
        turnover.onShowRecords(() -> RecordsDialog.table("Turnover by category", turnovers,
                RecordsDialog.Column.text("Category", InventoryAnalytics.Turnover::category),
                RecordsDialog.Column.number("Issued value", t -> Charts.money(inventory.currency(), t.issuedValue())),
                RecordsDialog.Column.number("Stock value now", t -> Charts.money(inventory.currency(), t.stockValue())),
                RecordsDialog.Column.number("Turns per year", t -> Charts.number(t.turnsPerYear(), 2))).open());
        turnover.onPointClick((s, p) -> turnover.showRecords.click());
        stockOuts.onPointClick((s, p) -> showStock((s == 0 ? "Out of stock at " : "Below reorder point at ") + outs.get(p).location(),
                new AnalyticsRecords.StockSelection(outs.get(p).locationId(), null, null,
                        s == 0 ? AnalyticsRecords.StockSelection.Level.OUT_OF_STOCK : AnalyticsRecords.StockSelection.Level.BELOW_REORDER_POINT)));
        stockOuts.onShowRecords(() -> showStock("Out of stock", new AnalyticsRecords.StockSelection(null, null, null,
                AnalyticsRecords.StockSelection.Level.OUT_OF_STOCK)));
        movers.onPointClick((s, p) -> showStock(topMovers.get(p).partNumber() + " " + topMovers.get(p).partName() + " in stock",
                new AnalyticsRecords.StockSelection(null, null, topMovers.get(p).partId(), AnalyticsRecords.StockSelection.Level.ALL)));
        movers.onShowRecords(() -> RecordsDialog.table("Top movers", topMovers,
                RecordsDialog.Column.text("Part number", InventoryAnalytics.Mover::partNumber),
                RecordsDialog.Column.text("Part", InventoryAnalytics.Mover::partName),
                RecordsDialog.Column.number("Issued", m -> RecordsDialog.plain(m.quantity()) + " " + m.unit().toLowerCase(java.util.Locale.UK)),
                RecordsDialog.Column.number("Value", m -> Charts.money(inventory.currency(), m.value()))).open());
        weekly.onShowRecords(this::showWeeks);
        weekly.onPointClick((s, p) -> showWeeks());
        refreshOn(live, StockChanged.class);
    }

    @Override
    protected void render(AnalyticsFilter filter) {
        List<InventoryAnalytics.StockValue> values = inventory.value(filter);
        locations = values.stream().filter(v -> v.dimension() == InventoryAnalytics.Dimension.LOCATION).toList();
        categories = values.stream().filter(v -> v.dimension() == InventoryAnalytics.Dimension.CATEGORY).toList();
        BigDecimal total = locations.stream().map(InventoryAnalytics.StockValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        valueChart(byLocation, locations, locations.isEmpty() ? "No stock at these locations."
                : "Stock worth " + Charts.money(inventory.currency(), total) + " (at current unit costs) across " + locations.size()
                + " locations; most at " + locations.getFirst().name() + ".");
        valueChart(byCategory, categories, categories.isEmpty() ? "No stock at these locations."
                : categories.getFirst().name() + " is the largest category, " + Charts.money(inventory.currency(), categories.getFirst().value()) + ".");

        turnovers = inventory.turnover(filter);
        BigDecimal issued = turnovers.stream().map(InventoryAnalytics.Turnover::issuedValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal stock = turnovers.stream().map(InventoryAnalytics.Turnover::stockValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        double turns = stock.signum() == 0 ? 0 : issued.doubleValue() / stock.doubleValue() * 365.0 / filter.days();
        Configuration tc = turnover.reset(ChartType.BAR, turnovers.isEmpty() ? "Nothing was issued or held in this period."
                : "Stock turns over " + Charts.number(turns, 2) + " times a year at this period's pace ("
                + Charts.money(inventory.currency(), issued) + " issued against " + Charts.money(inventory.currency(), stock) + " in stock).");
        Charts.labelValues(Charts.series(tc, "Turns per year", "turns per year",
                turnovers.stream().map(InventoryAnalytics.Turnover::category).toList(),
                turnovers.stream().map(t -> Charts.round(t.turnsPerYear(), 2)).toList()));

        outs = inventory.stockOuts(filter);
        long out = outs.stream().mapToLong(InventoryAnalytics.StockOuts::outOfStock).sum();
        long low = outs.stream().mapToLong(InventoryAnalytics.StockOuts::belowReorderPoint).sum();
        Configuration oc = stockOuts.reset(ChartType.COLUMN, out + " stock lines are out of stock now and " + low
                + " more are below their reorder point.");
        oc.getxAxis().setCategories(outs.stream().map(InventoryAnalytics.StockOuts::location).toArray(String[]::new));
        oc.getyAxis().setTitle("Stock lines");
        PlotOptionsColumn stacked = new PlotOptionsColumn();
        stacked.setStacking(Stacking.NORMAL);
        oc.setPlotOptions(stacked);
        oc.getLegend().setEnabled(true);
        oc.addSeries(new ListSeries("Out of stock", outs.stream().map(o -> (Number) o.outOfStock()).toList()));
        oc.addSeries(new ListSeries("Below reorder point", outs.stream().map(o -> (Number) o.belowReorderPoint()).toList()));

        topMovers = inventory.topMovers(filter);
        Configuration mc = movers.reset(ChartType.BAR, topMovers.isEmpty() ? "Nothing was issued in this period."
                : "The part issued most by value was " + topMovers.getFirst().partNumber() + " " + topMovers.getFirst().partName()
                + " (" + Charts.money(inventory.currency(), topMovers.getFirst().value()) + ").");
        Charts.labelValues(Charts.series(mc, "Issued value (" + inventory.currency() + ")", inventory.currency(),
                topMovers.stream().map(m -> m.partNumber()).toList(),
                topMovers.stream().map(m -> m.value().setScale(0, RoundingMode.HALF_UP)).toList()));

        weeks = inventory.weeklyIssues(filter);
        InventoryAnalytics.WeeklyIssues last = weeks.isEmpty() ? null : weeks.getLast();
        Configuration wc = weekly.reset(ChartType.COLUMN, last == null ? "No weeks in this period."
                : "There is no demand forecast yet, so each week is compared with the average of the four weeks before it. Week of "
                + last.week() + ": " + Charts.money(inventory.currency(), last.issuedValue()) + " issued against an average of "
                + Charts.money(inventory.currency(), last.trailingAverage()) + ".");
        Charts.series(wc, "Issued (" + inventory.currency() + ")", inventory.currency(), weeks.stream().map(w -> w.week().toString()).toList(),
                weeks.stream().map(w -> w.issuedValue().setScale(0, RoundingMode.HALF_UP)).toList());
        ListSeries average = new ListSeries("Average of the 4 weeks before (" + inventory.currency() + ")",
                weeks.stream().map(w -> (Number) w.trailingAverage().setScale(0, RoundingMode.HALF_UP)).toList());
        average.setPlotOptions(new PlotOptionsLine());
        wc.addSeries(average);
        wc.getLegend().setEnabled(true);
    }

    private void valueChart(ChartCard card, List<InventoryAnalytics.StockValue> rows, String summary) {
        Configuration conf = card.reset(ChartType.BAR, summary);
        Charts.labelValues(Charts.series(conf, "Stock value (" + inventory.currency() + ")", inventory.currency(),
                rows.stream().map(InventoryAnalytics.StockValue::name).toList(),
                rows.stream().map(v -> v.value().setScale(0, RoundingMode.HALF_UP)).toList()));
    }

    private void showWeeks() {
        RecordsDialog.table("Issues per week", weeks.stream().sorted(Comparator.comparing(InventoryAnalytics.WeeklyIssues::week)).toList(),
                RecordsDialog.Column.text("Week starting", w -> w.week().toString()),
                RecordsDialog.Column.number("Issued", w -> Charts.money(inventory.currency(), w.issuedValue())),
                RecordsDialog.Column.number("Average of the 4 weeks before", w -> Charts.money(inventory.currency(), w.trailingAverage()))).open();
    }

    private void showStock(String title, AnalyticsRecords.StockSelection selection) {
        RecordsDialog.stock(title, records.stock(filter(), selection)).open();
    }
}
