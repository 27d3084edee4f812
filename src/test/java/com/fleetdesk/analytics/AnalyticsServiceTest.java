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
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.trips.TripChanged;
import com.fleetdesk.trips.TripStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
    @Autowired
    RawFigures raw;
    @Autowired
    DashboardScope scope;
    @Autowired
    StockLedger ledger;
    @Autowired
    PlatformTransactionManager transactionManager;

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

    // ---- the daily rollups (trip_day, stock_issue_day) against the raw rows --------------------

    @Test
    void rollupFiguresEqualTheFiguresComputedFromTheRawRows() {
        LocalDate today = LocalDate.now(AnalyticsFixture.ZONE);
        signedIn.run("admin", () -> {
            assertThat(raw.tripDayDifferences()).as("trip_day rows not matching the trips").isZero();
            assertThat(raw.stockIssueDayDifferences()).as("stock_issue_day rows not matching the ledger").isZero();
            AnalyticsFilter threeMonths = AnalyticsFilter.lastThreeMonths(today);
            assertThat(fleet.monthly(threeMonths)).as("the demo data gives the comparison something to compare").isNotEmpty();
            assertRollupFiguresEqualRawFigures(threeMonths);
            assertRollupFiguresEqualRawFigures(new AnalyticsFilter(today.minusDays(AnalyticsFilter.MAX_DAYS - 1), today, null));
            assertRollupFiguresEqualRawFigures(fixture.filter());
            long demoDepot = jdbc.sql("select min(id) from depot").query(Long.class).single();
            assertRollupFiguresEqualRawFigures(threeMonths.withDepot(demoDepot));
        });
        // A manager's figures cover their depots only, from the rollup as from the rows.
        signedIn.run("manager", () -> {
            AnalyticsFilter mine = AnalyticsFilter.lastThreeMonths(today);
            assertThat(scope.resolve(mine).depots()).isNotEmpty().doesNotContain(fixture.depotId);
            assertRollupFiguresEqualRawFigures(mine);
            assertRollupFiguresEqualRawFigures(mine.withDepot(scope.resolve(mine).depots().getFirst()));
        });
    }

    @Test
    void tripRollupFollowsNewTripsDecisionsCorrectionsAndDeletes() {
        AnalyticsFilter f = fixture.filter();
        AnalyticsFilter wide = new AnalyticsFilter(MONTH.atDay(1), MONTH.plusMonths(1).atEndOfMonth(), null);
        signedIn.run("admin", () -> {
            var before = fleet.monthly(f);
            long trip = fixture.trip(fixture.driverB, "Bob Baseline", 8, 9, 40, 8, 12, "SUBMITTED", null, AnalyticsFixture.at(8, 12), null,
                    "BUSINESS");
            try {
                assertTripRollupMatches(f, wide);
                caches.evictAll();
                assertThat(fleet.monthly(f).getFirst().trips()).as("the new trip counts").isEqualTo(before.getFirst().trips() + 1);

                // Approved with a violation and a corrected cost: counted under its new status, cost and rule.
                jdbc.sql("""
                        update trip_log set status = 'APPROVED', decided_at = :decided, total_cost = 99.95,
                               policy_violations = 'Trip cost GBP 99.95 is over the maximum of GBP 10.00' where id = :id""")
                        .param("decided", AnalyticsFixture.at(9, 12)).param("id", trip).update();
                assertTripRollupMatches(f, wide);
                caches.evictAll();
                assertThat(fleet.monthly(f).getFirst().cost()).isEqualByComparingTo(before.getFirst().cost().add(new BigDecimal("99.95")));
                assertThat(trips.policyViolations(f).getFirst().withViolations()).isEqualTo(2);

                // Decided half an hour into the next month, local time: counted in that month's turnaround.
                var nextMonthStart = MONTH.plusMonths(1).atDay(1).atStartOfDay(AnalyticsFixture.ZONE);
                jdbc.sql("update trip_log set decided_at = :decided where id = :id")
                        .param("decided", nextMonthStart.plusMinutes(30).toOffsetDateTime()).param("id", trip).update();
                assertTripRollupMatches(f, wide);
                caches.evictAll();
                assertThat(trips.turnaround(wide.withDepot(fixture.depotId))).extracting(TripAnalytics.Turnaround::month, TripAnalytics.Turnaround::decided)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(MONTH, 3L), org.assertj.core.groups.Tuple.tuple(MONTH.plusMonths(1), 1L));
                jdbc.sql("update trip_log set decided_at = :decided where id = :id")
                        .param("decided", nextMonthStart.minusMinutes(30).toOffsetDateTime()).param("id", trip).update();
                caches.evictAll();
                assertThat(trips.turnaround(wide.withDepot(fixture.depotId))).extracting(TripAnalytics.Turnaround::month, TripAnalytics.Turnaround::decided)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(MONTH, 4L));

                // Corrected start (into the next month) and distance.
                jdbc.sql("update trip_log set started_at = started_at + interval '40 days', ended_at = ended_at + interval '40 days', "
                        + "end_odometer_km = start_odometer_km + 42.5, distance_km = 42.5 where id = :id").param("id", trip).update();
                assertTripRollupMatches(f, wide);

                // An edit of nothing the dashboards count (and a bulk one) changes nothing.
                jdbc.sql("update trip_log set notes = 'checked' where depot_id = :depot").param("depot", fixture.depotId).update();
                assertTripRollupMatches(f, wide);
            } finally {
                jdbc.sql("delete from trip_log where id = :id").param("id", trip).update();
                jdbc.sql("update trip_log set notes = null where depot_id = :depot").param("depot", fixture.depotId).update();
            }
            assertTripRollupMatches(f, wide);
            caches.evictAll();
            assertThat(fleet.monthly(f)).as("deleting the trip takes it out again").isEqualTo(before);
        });
    }

    @Test
    void stockIssueRollupFollowsIssuesReturnsAdjustmentsAndPriceChanges() {
        // A part of its own at the fixture's location, issued today and brought back to nothing on hand,
        // so the fixture's stock value and the other tests' figures stay as they are.
        long part = jdbc.sql("select id from part where part_number = 'AN-ROLLUP-1'").query(Long.class).optional()
                .orElseGet(() -> jdbc.sql("""
                        insert into part (part_number, name, category_id, unit, unit_cost, created_at, updated_at)
                        values ('AN-ROLLUP-1', 'Rollup test wiper', :category, 'PIECE', 8.25, now(), now()) returning id""")
                        .param("category", fixture.categoryId).query(Long.class).single());
        long location = fixture.locationId;
        LocalDate today = LocalDate.now(AnalyticsFixture.ZONE);
        LocalDate thisWeek = today.minusDays(today.getDayOfWeek().getValue() - 1);
        AnalyticsFilter depot = AnalyticsFilter.lastThreeMonths(today).withDepot(fixture.depotId);
        AnalyticsFilter all = AnalyticsFilter.lastThreeMonths(today);
        signedIn.run("admin", () -> {
            caches.evictAll();
            BigDecimal weekBefore = issuedIn(inventory.weeklyIssues(depot), thisWeek);
            ledger.receive(part, location, new BigDecimal("10"), null, null, "rollup test");
            assertStockRollupMatches(depot, all);
            ledger.issue(part, location, new BigDecimal("3"), null, "WO-ROLLUP-1");
            ledger.issue(part, location, new BigDecimal("2"), null, "WO-ROLLUP-2");
            assertStockRollupMatches(depot, all);
            caches.evictAll();
            assertThat(issuedIn(inventory.weeklyIssues(depot), thisWeek)).as("two issues of 8.25 a piece this week")
                    .isEqualByComparingTo(weekBefore.add(new BigDecimal("41.25")));

            // Corrections are new movements: a return and a negative adjustment are not issues.
            ledger.returnToStock(part, location, new BigDecimal("1"), null, "WO-ROLLUP-1");
            ledger.adjust(part, location, new BigDecimal("-6"), null, "Rollup test: damaged in the store");
            assertStockRollupMatches(depot, all);
            caches.evictAll();
            assertThat(issuedIn(inventory.weeklyIssues(depot), thisWeek)).isEqualByComparingTo(weekBefore.add(new BigDecimal("41.25")));

            // Issues are valued at the current unit cost, from the rollup as from the ledger.
            jdbc.sql("update part set unit_cost = 10 where id = :id").param("id", part).update();
            assertStockRollupMatches(depot, all);
            caches.evictAll();
            assertThat(issuedIn(inventory.weeklyIssues(depot), thisWeek)).isEqualByComparingTo(weekBefore.add(new BigDecimal("50")));
            assertThat(jdbc.sql("select on_hand from stock_level where part_id = :p and location_id = :l").param("p", part)
                    .param("l", location).query(BigDecimal.class).single()).isEqualByComparingTo("0");
        });
        // Stock is not depot-scoped, but a manager narrowing to a depot gets the same figures as the rows give.
        signedIn.run("manager", () -> assertStockRollupMatches(depot, all));
    }

    @Test
    void truncatingTheTripsEmptiesTheirRollup() {
        // Rolled back: only what the truncate did inside the transaction is looked at.
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            assertThat(jdbc.sql("select count(*) from trip_day where trips > 0").query(Long.class).single()).isPositive();
            jdbc.sql("truncate trip_log cascade").update();
            assertThat(jdbc.sql("select count(*) from trip_day").query(Long.class).single()).isZero();
            tx.setRollbackOnly();
        });
        assertThat(raw.tripDayDifferences()).isZero();
    }

    @Test
    void aChangedFleetZoneRebuildsTheRollupsInThatZone() {
        // The fixture's rejected trip starts at 13:00 in London on day 3: already day 4 at UTC+14.
        String rejectedDay = "select day from trip_day where depot_id = :depot and status = 'REJECTED' and trips > 0";
        assertThat(jdbc.sql(rejectedDay).param("depot", fixture.depotId).query(LocalDate.class).list()).containsExactly(MONTH.atDay(3));
        try {
            new AnalyticsRollups(jdbc, "Pacific/Kiritimati");
            assertThat(jdbc.sql("select zone from analytics_rollup_zone").query(String.class).single()).isEqualTo("Pacific/Kiritimati");
            assertThat(jdbc.sql(rejectedDay).param("depot", fixture.depotId).query(LocalDate.class).list()).containsExactly(MONTH.atDay(4));
            assertThat(raw.tripDayDifferences()).isZero();
            assertThat(raw.stockIssueDayDifferences()).isZero();
        } finally {
            new AnalyticsRollups(jdbc, AnalyticsFixture.ZONE.getId());
        }
        assertThat(jdbc.sql(rejectedDay).param("depot", fixture.depotId).query(LocalDate.class).list()).containsExactly(MONTH.atDay(3));
        assertThat(raw.tripDayDifferences()).isZero();
        assertThat(raw.stockIssueDayDifferences()).isZero();
    }

    private void assertTripRollupMatches(AnalyticsFilter... filters) {
        assertThat(raw.tripDayDifferences()).as("trip_day rows not matching the trips").isZero();
        for (AnalyticsFilter f : filters) {
            assertRollupFiguresEqualRawFigures(f);
        }
    }

    private void assertStockRollupMatches(AnalyticsFilter... filters) {
        assertThat(raw.stockIssueDayDifferences()).as("stock_issue_day rows not matching the ledger").isZero();
        for (AnalyticsFilter f : filters) {
            caches.evictAll();
            assertInventoryFiguresEqualRawFigures(f);
        }
    }

    /** Every figure read from a rollup, for the signed-in user, equals the one computed from the rows. */
    private void assertRollupFiguresEqualRawFigures(AnalyticsFilter f) {
        caches.evictAll();
        DashboardQuery q = scope.resolve(f);
        String currency = trips.currency();
        assertThat(fleet.monthly(f)).as("monthly figures for %s", f).isEqualTo(raw.monthly(q, currency));
        // Equal amounts may come in either order.
        assertThat(trips.spend(f)).as("spend for %s", f).containsExactlyInAnyOrderElementsOf(raw.spend(q, currency));
        assertThat(trips.policyViolations(f)).as("policy violations for %s", f).isEqualTo(raw.policyViolations(q));
        var turnaround = trips.turnaround(f);
        var rawTurnaround = raw.turnaround(q);
        assertThat(turnaround).as("turnaround months for %s", f).extracting(TripAnalytics.Turnaround::month, TripAnalytics.Turnaround::decided)
                .containsExactlyElementsOf(rawTurnaround.stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.month(), t.decided())).toList());
        for (int i = 0; i < turnaround.size(); i++) {
            // Hours in float8 instead of numeric: the same figures to far below a second.
            assertThat(turnaround.get(i).averageHours()).isCloseTo(rawTurnaround.get(i).averageHours(), within(1e-9));
            assertThat(turnaround.get(i).medianHours()).isCloseTo(rawTurnaround.get(i).medianHours(), within(1e-9));
            assertThat(turnaround.get(i).p90Hours()).isCloseTo(rawTurnaround.get(i).p90Hours(), within(1e-9));
        }
        assertInventoryFiguresEqualRawFigures(f);
    }

    private void assertInventoryFiguresEqualRawFigures(AnalyticsFilter f) {
        DashboardQuery q = scope.resolveUnscoped(f);
        assertThat(inventory.weeklyIssues(f)).as("weekly issues for %s", f).isEqualTo(raw.weeklyIssues(q));
        assertThat(inventory.topMovers(f)).as("top movers for %s", f).isEqualTo(raw.topMovers(q));
        Map<String, BigDecimal> issued = raw.issuedByCategory(q).stream()
                .collect(Collectors.toMap(RawFigures.CategoryIssued::category, RawFigures.CategoryIssued::value));
        var turnover = inventory.turnover(f);
        assertThat(turnover).extracting(InventoryAnalytics.Turnover::category).containsAll(issued.keySet());
        for (var t : turnover) {
            BigDecimal expected = issued.get(t.category());
            if (expected == null) {
                assertThat(t.issuedValue()).as("issued value of %s for %s", t.category(), f).isEqualByComparingTo("0");
            } else {
                assertThat(t.issuedValue()).as("issued value of %s for %s", t.category(), f).isEqualTo(expected);
            }
        }
    }

    private static BigDecimal issuedIn(List<InventoryAnalytics.WeeklyIssues> weeks, LocalDate week) {
        return weeks.stream().filter(w -> w.week().equals(week)).map(InventoryAnalytics.WeeklyIssues::issuedValue).findFirst()
                .orElseThrow(() -> new AssertionError("no week " + week + " in " + weeks));
    }
}
