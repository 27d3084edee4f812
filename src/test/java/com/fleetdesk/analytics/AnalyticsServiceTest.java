package com.fleetdesk.analytics;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.telematics.AlertChanged;
import com.fleetdesk.telematics.AlertKind;
import com.fleetdesk.telematics.AlertSeverity;
import com.fleetdesk.telematics.AlertStatus;
import com.fleetdesk.inventory.MovementType;
import com.fleetdesk.inventory.StockChanged;
import com.fleetdesk.trips.TripChanged;
import com.fleetdesk.trips.TripStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.util.List;

import static com.fleetdesk.analytics.AnalyticsFixture.MONTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@FleetdeskTest
class AnalyticsServiceTest {

    @Autowired
    AnalyticsFixture fixture;
    @Autowired
    FleetAnalytics fleet;
    @Autowired
    TripAnalytics trips;
    @Autowired
    InventoryAnalytics inventory;
    @Autowired
    AnalyticsRecords records;
    @Autowired
    AnalyticsCaches caches;
    @Autowired
    SignedIn signedIn;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PrometheusMeterRegistry prometheus;

    @BeforeEach
    void load() {
        fixture.load();
    }

    @Test
    void fleetAggregatesMatchTheKnownTripsAlertsAndPositions() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("admin", () -> {
            var use = fleet.utilisation(f);
            assertThat(use).singleElement().satisfies(v -> {
                assertThat(v.registration()).isEqualTo("AN71 TST");
                assertThat(v.activeDays()).as("days 1 and 3 had trips, day 5 only movement").isEqualTo(3);
                assertThat(v.days()).isEqualTo(10);
                assertThat(v.percent()).isEqualTo(30.0);
                assertThat(v.distanceKm()).isEqualTo(160.0);
            });
            assertThat(fleet.utilisationByDepot(f)).singleElement().satisfies(d -> {
                assertThat(d.depotName()).isEqualTo(AnalyticsFixture.DEPOT);
                assertThat(d.percent()).isEqualTo(30.0);
            });

            var costs = fleet.vehicleCosts(f).getFirst();
            assertThat(costs.trips()).isEqualTo(3);
            assertThat(costs.distanceKm()).isEqualTo(160.0);
            assertThat(costs.co2Kg()).isEqualTo(32.0);
            assertThat(costs.cost()).as("the rejected trip's 1000 is not a cost").isEqualByComparingTo("50");
            assertThat(costs.fuelCost()).isEqualByComparingTo("15");
            assertThat(costs.costPerKm()).isEqualByComparingTo("0.313");
            assertThat(costs.fuelCostPer100Km()).isEqualByComparingTo("9.38");

            assertThat(fleet.monthly(f)).containsExactly(new FleetAnalytics.FleetMonth(MONTH, 3, 160.0, 32.0, new BigDecimal("50.00")));

            assertThat(fleet.alerts(f)).containsExactlyInAnyOrder(
                    new FleetAnalytics.AlertCount(AlertKind.HARSH_BRAKING, AlertSeverity.MEDIUM, 1),
                    new FleetAnalytics.AlertCount(AlertKind.HARSH_BRAKING, AlertSeverity.HIGH, 1),
                    new FleetAnalytics.AlertCount(AlertKind.OVERSPEED, AlertSeverity.HIGH, 1),
                    new FleetAnalytics.AlertCount(AlertKind.LOW_FUEL, AlertSeverity.LOW, 1));

            var safety = fleet.driverSafety(f);
            assertThat(safety).extracting(FleetAnalytics.DriverSafety::driverName).containsExactly("Bob Baseline", "Ada Analytic");
            assertThat(safety.getLast().harshEvents()).isEqualTo(2);
            assertThat(safety.getLast().overspeeds()).isEqualTo(1);
            assertThat(safety.getLast().eventsPer100Km()).isEqualTo(2.0);
        });
    }

    @Test
    void tripAggregatesCountClaimsTurnaroundAndViolations() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("admin", () -> {
            assertThat(trips.spend(f, TripAnalytics.Dimension.DEPOT)).singleElement().satisfies(s -> {
                assertThat(s.label()).isEqualTo(AnalyticsFixture.DEPOT);
                assertThat(s.trips()).isEqualTo(2);
                assertThat(s.amount()).isEqualByComparingTo("50");
            });
            assertThat(trips.spend(f, TripAnalytics.Dimension.CATEGORY)).extracting(TripAnalytics.Spend::label, s -> s.amount().intValue())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Business", 30), org.assertj.core.groups.Tuple.tuple("Commute", 20));
            assertThat(trips.spend(f, TripAnalytics.Dimension.MONTH)).singleElement()
                    .satisfies(s -> assertThat(s.key()).isEqualTo(MONTH.toString()));

            var turnaround = trips.turnaround(f);
            assertThat(turnaround).singleElement().satisfies(t -> {
                assertThat(t.decided()).as("two approvals and one rejection").isEqualTo(3);
                assertThat(t.averageHours()).isCloseTo((4 + 24 + 1) / 3.0, within(0.001));
                assertThat(t.medianHours()).isCloseTo(4.0, within(0.001));
                assertThat(t.p90Hours()).isCloseTo(20.0, within(0.001));
            });

            assertThat(trips.policyViolations(f)).containsExactly(new TripAnalytics.PolicyMonth(MONTH, 3, 1));
            assertThat(trips.violationsByRule(f)).containsExactly(new TripAnalytics.PolicyRuleCount("Maximum trip cost", 1));
        });
    }

    @Test
    void inventoryAggregatesValueTurnoverStockOutsAndMovers() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("warehouse", () -> {
            assertThat(inventory.value(f, InventoryAnalytics.Dimension.LOCATION)).singleElement().satisfies(v -> {
                assertThat(v.name()).isEqualTo("Analytics Test Bay");
                assertThat(v.value()).isEqualByComparingTo("100");
            });
            assertThat(inventory.value(f, InventoryAnalytics.Dimension.CATEGORY)).singleElement()
                    .satisfies(v -> assertThat(v.name()).isEqualTo("Analytics Test Parts"));
            assertThat(inventory.turnover(f)).singleElement().satisfies(t -> {
                assertThat(t.issuedValue()).isEqualByComparingTo("25");
                assertThat(t.stockValue()).isEqualByComparingTo("100");
                assertThat(t.turnsPerYear()).isCloseTo(0.25 * 365 / 10, within(0.0001));
            });
            assertThat(inventory.stockOuts(f)).containsExactly(new InventoryAnalytics.StockOuts(fixture.locationId, "Analytics Test Bay", 1, 0));
            assertThat(inventory.topMovers(f)).singleElement().satisfies(m -> {
                assertThat(m.partNumber()).isEqualTo("AN-TEST-1");
                assertThat(m.quantity()).isEqualByComparingTo("2");
                assertThat(m.value()).isEqualByComparingTo("25");
            });
            var weeks = inventory.weeklyIssues(f);
            assertThat(weeks).isNotEmpty();
            var issueWeek = MONTH.atDay(2).minusDays(MONTH.atDay(2).getDayOfWeek().getValue() - 1);
            assertThat(weeks).filteredOn(w -> w.week().equals(issueWeek)).singleElement()
                    .satisfies(w -> assertThat(w.issuedValue()).isEqualByComparingTo("25"));
            assertThat(weeks).filteredOn(w -> !w.week().equals(issueWeek))
                    .allSatisfy(w -> assertThat(w.issuedValue()).isEqualByComparingTo("0"));
            var out = records.stock(f, new AnalyticsRecords.StockSelection(fixture.locationId, null, null,
                    AnalyticsRecords.StockSelection.Level.OUT_OF_STOCK));
            assertThat(out.rows()).extracting(AnalyticsRecords.StockLine::partNumber).containsExactly("AN-TEST-2");
        });
    }

    @Test
    void drillDownListsTheRowsBehindAPoint() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("admin", () -> {
            var byDriver = records.trips(f, new AnalyticsRecords.TripSelection(null, fixture.driverA, null, null, null, false, false, false));
            assertThat(byDriver.total()).isEqualTo(2);
            assertThat(byDriver.rows()).extracting(AnalyticsRecords.TripRecord::driver).containsOnly("Ada Analytic");
            var violating = records.trips(f, new AnalyticsRecords.TripSelection(null, null, null, MONTH, null, false, true, false));
            assertThat(violating.rows()).singleElement().satisfies(t -> assertThat(t.policyViolations()).contains("maximum"));
            var claims = records.trips(f, new AnalyticsRecords.TripSelection(null, null, fixture.depotId, null, "BUSINESS", true, false, false));
            assertThat(claims.rows()).singleElement().satisfies(t -> assertThat(t.totalCost()).isEqualByComparingTo("30"));
            var harsh = records.alerts(f, AlertKind.HARSH_BRAKING, AlertSeverity.HIGH, null);
            assertThat(harsh.total()).isEqualTo(1);
            var duringTrips = records.alerts(f, null, null, fixture.driverA);
            assertThat(duringTrips.rows()).extracting(AnalyticsRecords.AlertRecord::kind)
                    .containsExactlyInAnyOrder(AlertKind.HARSH_BRAKING, AlertKind.HARSH_BRAKING, AlertKind.OVERSPEED);
        });
    }

    @Test
    void aRepeatedQueryIsACacheHitAndATripChangeOfTheDepotEvictsIt() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("admin", () -> {
            long hits = caches.stats(FleetAnalytics.MONTHLY).hitCount();
            var before = fleet.monthly(f);
            var again = fleet.monthly(f);
            assertThat(again).isSameAs(before);
            assertThat(caches.stats(FleetAnalytics.MONTHLY).hitCount()).isGreaterThan(hits);

            // A new trip is stored; until an event says so, the cached month stays as it was.
            long trip = fixture.trip(fixture.driverB, "Bob Baseline", 7, 9, 40, 8, 12, "SUBMITTED", null, AnalyticsFixture.at(7, 12), null,
                    "BUSINESS");
            try {
                assertThat(fleet.monthly(f).getFirst().trips()).isEqualTo(before.getFirst().trips());
                // Another depot's change leaves this depot's entry alone.
                events.publishEvent(new TripChanged(trip, fixture.depotId + 1000, "admin", TripStatus.SUBMITTED, TripChanged.Kind.CREATED));
                assertThat(fleet.monthly(f).getFirst().trips()).isEqualTo(before.getFirst().trips());
                long misses = caches.stats(FleetAnalytics.MONTHLY).missCount();
                events.publishEvent(new TripChanged(trip, fixture.depotId, "admin", TripStatus.SUBMITTED, TripChanged.Kind.CREATED));
                var after = fleet.monthly(f);
                assertThat(caches.stats(FleetAnalytics.MONTHLY).missCount()).isEqualTo(misses + 1);
                assertThat(after.getFirst().trips()).isEqualTo(before.getFirst().trips() + 1);
                assertThat(after.getFirst().distanceKm()).isEqualTo(before.getFirst().distanceKm() + 40);
            } finally {
                jdbc.sql("delete from trip_log where id = :id").param("id", trip).update();
                events.publishEvent(new TripChanged(trip, fixture.depotId, "admin", TripStatus.SUBMITTED, TripChanged.Kind.DELETED));
            }
            assertThat(fleet.monthly(f)).isEqualTo(before);
        });
    }

    @Test
    void alertAndStockEventsEvictTheirDashboardsOnly() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("admin", () -> {
            var alerts = fleet.alerts(f);
            var value = inventory.value(f);
            var monthly = fleet.monthly(f);
            events.publishEvent(new AlertChanged(1, fixture.vehicleId, fixture.depotId, AlertStatus.OPEN));
            assertThat(fleet.alerts(f)).isEqualTo(alerts).isNotSameAs(alerts);
            assertThat(fleet.monthly(f)).as("trip figures stay cached").isSameAs(monthly);
            assertThat(inventory.value(f)).isSameAs(value);
            events.publishEvent(new StockChanged(fixture.partId, fixture.locationId, MovementType.ISSUE));
            assertThat(inventory.value(f)).isEqualTo(value).isNotSameAs(value);
        });
    }

    @Test
    void hitRateIsPublishedForPrometheus() {
        signedIn.run("admin", () -> {
            fleet.alerts(fixture.filter());
            fleet.alerts(fixture.filter());
        });
        assertThat(caches.hitRatio()).isPositive();
        String scrape = prometheus.scrape();
        assertThat(scrape).contains("fleetdesk_analytics_cache_hit_ratio");
        assertThat(scrape).containsPattern("cache_gets_total\\{cache=\"analytics.fleet.alerts\".*result=\"hit\"");
    }

    @Test
    void managersSeeOnlyTheirDepots() {
        AnalyticsFilter f = fixture.filter();
        signedIn.run("manager", () -> {
            assertThatThrownBy(() -> fleet.utilisation(f)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> trips.spend(f)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> records.trips(f, AnalyticsRecords.TripSelection.all())).isInstanceOf(AccessDeniedException.class);
            List<FleetAnalytics.VehicleUtilisation> mine = fleet.utilisation(f.withDepot(null));
            assertThat(mine).isNotEmpty().noneMatch(v -> v.depotId() == fixture.depotId);
            assertThat(trips.spend(f.withDepot(null), TripAnalytics.Dimension.DEPOT))
                    .noneMatch(s -> s.label().equals(AnalyticsFixture.DEPOT));
        });
        signedIn.run("warehouse", () -> assertThatThrownBy(() -> fleet.utilisation(f)).isInstanceOf(AccessDeniedException.class));
        signedIn.run("driver", () -> assertThatThrownBy(() -> trips.spend(f)).isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void badFiltersAreRefusedWithTheField() {
        signedIn.run("admin", () -> {
            assertThatThrownBy(() -> fleet.monthly(new AnalyticsFilter(MONTH.atDay(10), MONTH.atDay(1), null)))
                    .isInstanceOf(InvalidInputException.class).hasMessage("The last day must not be before the first day")
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).contains("to"));
            assertThatThrownBy(() -> fleet.monthly(new AnalyticsFilter(null, MONTH.atDay(1), null)))
                    .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(((InvalidInputException) e).field()).contains("from"));
            assertThatThrownBy(() -> trips.spend(new AnalyticsFilter(MONTH.atDay(1).minusYears(3), MONTH.atDay(1), null)))
                    .isInstanceOf(InvalidInputException.class).hasMessage("Choose a period of at most two years");
        });
    }
}
