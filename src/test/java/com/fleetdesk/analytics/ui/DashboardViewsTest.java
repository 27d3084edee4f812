package com.fleetdesk.analytics.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.PushedUpdates;
import com.fleetdesk.analytics.AnalyticsFixture;
import com.fleetdesk.analytics.AnalyticsRecords;
import com.fleetdesk.analytics.FleetAnalytics;
import com.fleetdesk.analytics.FleetReports;
import com.fleetdesk.analytics.InventoryAnalytics;
import com.fleetdesk.analytics.TripAnalytics;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.trips.TripChanged;
import com.fleetdesk.trips.TripStatus;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.events.PointClickEvent;
import com.vaadin.flow.component.charts.model.ListSeries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static com.fleetdesk.analytics.AnalyticsFixture.MONTH;
import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {FleetDashboardView.class, MainLayout.class})
class DashboardViewsTest extends SpringBrowserlessTest {

    @Autowired
    AnalyticsFixture fixture;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void load() {
        fixture.load();
    }

    /** Narrows a dashboard to the fixture's depot and first ten days. */
    private void showFixture(DashboardView view) {
        var depot = view.depot.getListDataView().getItems().filter(d -> d.id() == fixture.depotId).findFirst().orElseThrow();
        view.depot.setValue(depot);
        view.from.setValue(fixture.filter().from());
        view.to.setValue(fixture.filter().to());
    }

    private static void clickPoint(ChartCard card, int series, int point) {
        Chart chart = card.chart();
        ComponentUtil.fireEvent(chart, new PointClickEvent(chart, true, 0, 0, false, false, false, false, 0, point, 0, series, null, point, null));
    }

    @SuppressWarnings("unchecked")
    private <T> RecordsDialog<T> openDialog() {
        return (RecordsDialog<T>) $(RecordsDialog.class).single();
    }

    private static List<Number> values(ChartCard card, int series) {
        return Arrays.asList(((ListSeries) card.chart().getConfiguration().getSeries().get(series)).getData());
    }

    @Test
    @WithUserDetails("admin")
    void fleetDashboardSummarisesEachChartAndDrillsDownToTheRows() {
        FleetDashboardView view = navigate(FleetDashboardView.class);
        assertThat(view.cards.getChildren()).hasSize(6);
        showFixture(view);

        assertThat(view.utilisation.summaryText()).isEqualTo("Vehicles were in use on 30.0 % of their days (3 of 10 vehicle days,"
                + " a day counts when a trip started or the vehicle moved).");
        assertThat(values(view.utilisation, 0)).containsExactly(30.0);
        assertThat(view.distance.summaryText()).isEqualTo("160 km driven on 3 trips, emitting 0.03 t CO₂.");
        assertThat(view.costPerKm.summaryText()).startsWith("The fleet cost GBP 0.31 per km (GBP 50.00 over 160 km)");
        assertThat(view.alerts.summaryText()).isEqualTo("4 alerts, 0 of them critical. Most frequent: Harsh braking (2).");
        assertThat(view.safety.summaryText()).startsWith("Safest: Bob Baseline with 0.00 harsh or overspeed events per 100 km."
                + " Most events: Ada Analytic with 2.00 per 100 km.");
        // Every chart is a named, described figure drawn in styled mode (theme colours from CSS).
        for (ChartCard card : List.of(view.utilisation, view.distance, view.costPerKm, view.fuel, view.alerts, view.safety)) {
            assertThat(card.getElement().getAttribute("role")).isEqualTo("figure");
            assertThat(card.getElement().getAttribute("aria-describedby")).isEqualTo(card.summary.getId().orElseThrow());
            assertThat(card.chart().getConfiguration().getChart().getStyledMode()).isTrue();
            assertThat(card.summaryText()).isNotBlank();
        }

        // The "Harsh braking" column's High part: one alert.
        int harsh = Arrays.asList(view.alerts.chart().getConfiguration().getxAxis().getCategories()).indexOf("Harsh braking");
        clickPoint(view.alerts, com.fleetdesk.telematics.AlertSeverity.HIGH.ordinal(), harsh);
        RecordsDialog<AnalyticsRecords.AlertRecord> alerts = openDialog();
        assertThat(alerts.getHeaderTitle()).isEqualTo("High harsh braking alerts");
        assertThat(test(alerts.grid()).size()).isEqualTo(1);
        assertThat(test(alerts.grid()).getCellText(0, 1)).isEqualTo("AN71 TST");
        alerts.close();

        // The riskiest driver's bar: the alerts raised during their trips.
        clickPoint(view.safety, 0, 0);
        RecordsDialog<AnalyticsRecords.AlertRecord> driverAlerts = openDialog();
        assertThat(driverAlerts.getHeaderTitle()).contains("Ada Analytic");
        assertThat(test(driverAlerts.grid()).size()).isEqualTo(3);
        driverAlerts.close();

        // The month's column: that month's trips, with a link to each trip.
        clickPoint(view.distance, 0, 0);
        RecordsDialog<AnalyticsRecords.TripRecord> trips = openDialog();
        assertThat(trips.getHeaderTitle()).isEqualTo("Trips in " + MONTH);
        assertThat(test(trips.grid()).size()).isEqualTo(3);
        assertThat(trips.count.getText()).isEqualTo("3 records.");
        trips.close();

        test(view.utilisation.showRecords).click();
        RecordsDialog<FleetAnalytics.VehicleUtilisation> vehicles = openDialog();
        assertThat(test(vehicles.grid()).getCellText(0, 2)).isEqualTo("3 of 10");
        assertThat(test(vehicles.grid()).getCellText(0, 3)).isEqualTo("30.0 %");
    }

    @Test
    @WithUserDetails("admin")
    void anOpenDashboardFollowsNewTripsThrottled() throws Exception {
        FleetDashboardView view = navigate(FleetDashboardView.class);
        showFixture(view);
        view.throttle = Duration.ofSeconds(2);
        int renders = view.renders();
        long trip = fixture.trip(fixture.driverB, "Bob Baseline", 8, 9, 40, 8, 12, "SUBMITTED", null, AnalyticsFixture.at(8, 12), null,
                "BUSINESS");
        try {
            // Right after a redraw, events wait for the throttle interval instead of redrawing at once...
            events.publishEvent(new TripChanged(trip, fixture.depotId, "admin", TripStatus.SUBMITTED, TripChanged.Kind.CREATED));
            events.publishEvent(new TripChanged(trip, fixture.depotId, "admin", TripStatus.SUBMITTED, TripChanged.Kind.EDITED));
            PushedUpdates.deliver();
            assertThat(view.renders()).isEqualTo(renders);
            assertThat(view.refreshPending()).isTrue();
            assertThat(view.distance.summaryText()).startsWith("160 km driven on 3 trips");
            // ...then the burst costs one redraw, pushed with the new numbers.
            long deadline = System.currentTimeMillis() + 15_000;
            while (view.renders() == renders && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                PushedUpdates.deliver();
            }
            assertThat(view.renders()).isEqualTo(renders + 1);
            assertThat(view.distance.summaryText()).startsWith("200 km driven on 4 trips");
            assertThat(view.status.getText()).startsWith("Updated at ");
        } finally {
            jdbc.sql("delete from trip_log where id = :id").param("id", trip).update();
            events.publishEvent(new TripChanged(trip, fixture.depotId, "admin", TripStatus.SUBMITTED, TripChanged.Kind.DELETED));
        }
    }

    @Test
    @WithUserDetails("admin")
    void badDatesAreShownOnTheField() {
        FleetDashboardView view = navigate(FleetDashboardView.class);
        view.to.setValue(view.from.getValue().minusDays(1));
        assertThat(view.to.isInvalid()).isTrue();
        assertThat(view.to.getErrorMessage()).isEqualTo("The last day must not be before the first day");
    }

    @Test
    @WithUserDetails("manager")
    void managersPickOnlyTheirOwnDepots() {
        FleetDashboardView view = navigate(FleetDashboardView.class);
        assertThat(view.depot.getListDataView().getItems()).isNotEmpty().noneMatch(d -> d.id() == fixture.depotId);
        assertThat(view.utilisation.summaryText()).startsWith("Vehicles were in use on ");
    }

    @Test
    @WithUserDetails("admin")
    void tripDashboardShowsSpendTurnaroundAndViolations() {
        TripDashboardView view = navigate(TripDashboardView.class);
        showFixture(view);
        assertThat(view.byDepot.summaryText()).isEqualTo("GBP 50.00 claimed on 2 submitted or approved trips; Analytics Test Depot spent"
                + " most (GBP 50.00).");
        assertThat(view.byCategory.summaryText()).isEqualTo("Business 60.0 %, Commute 40.0 % of the spend.");
        assertThat(view.turnaround.summaryText()).isEqualTo("3 claims decided, on average 9.7 hours after submission.");
        assertThat(view.violations.summaryText()).isEqualTo("1 of 3 submitted trips (33.3 %) broke an expense rule; most often:"
                + " Maximum trip cost (1).");

        clickPoint(view.byCategory, 0, 1);
        RecordsDialog<AnalyticsRecords.TripRecord> commute = openDialog();
        assertThat(commute.getHeaderTitle()).isEqualTo("Commute claims");
        assertThat(test(commute.grid()).size()).isEqualTo(1);
        commute.close();

        clickPoint(view.violations, 0, 0);
        RecordsDialog<AnalyticsRecords.TripRecord> violating = openDialog();
        assertThat(test(violating.grid()).size()).isEqualTo(1);
        assertThat(test(violating.grid()).getCellText(0, 9)).contains("over the maximum");
        violating.close();

        test(view.turnaround.showRecords).click();
        RecordsDialog<TripAnalytics.Turnaround> table = openDialog();
        assertThat(test(table.grid()).getCellText(0, 2)).isEqualTo("9.7");
    }

    @Test
    @WithUserDetails("warehouse")
    void inventoryDashboardShowsValueStockOutsAndMovers() {
        InventoryDashboardView view = navigate(InventoryDashboardView.class);
        showFixture(view);
        assertThat(view.byLocation.summaryText()).isEqualTo("Stock worth GBP 100.00 (at current unit costs) across 1 locations;"
                + " most at Analytics Test Bay.");
        assertThat(view.stockOuts.summaryText()).isEqualTo("1 stock lines are out of stock now and 0 more are below their reorder point.");
        assertThat(view.movers.summaryText()).isEqualTo("The part issued most by value was AN-TEST-1 Test filter (GBP 25.00).");
        assertThat(view.weekly.summaryText()).startsWith("There is no demand forecast yet");

        clickPoint(view.stockOuts, 0, 0);
        RecordsDialog<AnalyticsRecords.StockLine> out = openDialog();
        assertThat(out.getHeaderTitle()).isEqualTo("Out of stock at Analytics Test Bay");
        assertThat(test(out.grid()).getCellText(0, 1)).isEqualTo("AN-TEST-2");
        out.close();

        clickPoint(view.movers, 0, 0);
        RecordsDialog<AnalyticsRecords.StockLine> part = openDialog();
        assertThat(test(part.grid()).getCellText(0, 3)).isEqualTo("8");
        part.close();

        test(view.turnover.showRecords).click();
        RecordsDialog<InventoryAnalytics.Turnover> turnover = openDialog();
        assertThat(test(turnover.grid()).getCellText(0, 3)).isEqualTo("9.13");
    }

    @Test
    @WithUserDetails("admin")
    void fleetReportIsGeneratedWithProgressThenOfferedForDownload() throws Exception {
        FleetReportView view = navigate(FleetReportView.class);
        test(view.generate).click();
        assertThat(view.depot.isInvalid()).isTrue();
        assertThat(view.depot.getErrorMessage()).isEqualTo("Choose the depot to report on");

        view.depot.setValue(view.depot.getListDataView().getItems().filter(d -> d.getId() == fixture.depotId).findFirst().orElseThrow());
        view.month.setValue(MONTH);
        view.format.setValue(FleetReports.Format.EXCEL);
        test(view.generate).click();
        assertThat(view.progress.isVisible()).isTrue();
        assertThat(view.generate.isEnabled()).isFalse();
        long deadline = System.currentTimeMillis() + 60_000;
        while (view.ready == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            PushedUpdates.deliver();
        }
        assertThat(view.ready).isNotNull();
        assertThat(view.status.getText()).isEqualTo("The report is ready.");
        assertThat(view.download.isVisible()).isTrue();
        assertThat(view.download.getText()).isEqualTo("Download fleet-report-analytics-test-depot-" + MONTH + ".xlsx");
        assertThat(view.download.getHref()).isNotBlank();
        assertThat(view.progress.isVisible()).isFalse();
    }
}
