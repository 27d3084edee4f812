package com.fleetdesk.trips;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class TripLogServiceTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Autowired
    TripLogService trips;
    @Autowired
    VehicleService vehicles;
    @Autowired
    DriverService drivers;
    @Autowired
    UserNotificationService notifications;
    @Autowired
    SignedIn signedIn;
    @Autowired
    DriverTrips driverTrips;

    /** A draft logged by the demo driver for their own vehicle. */
    private TripLog driversDraft(String purpose) {
        return driverTrips.draft(purpose, Instant.parse("2026-11-02T08:00:00Z"), Duration.ofHours(3), "Trafford Park", "Leeds",
                "41000.0", "41120.5");
    }

    @Test
    void driverLogsATripAndDistanceAndCo2AreDerived() {
        TripLog trip = driversDraft("Delivery to Leeds");
        assertThat(trip.getStatus()).isEqualTo(TripStatus.DRAFT);
        assertThat(trip.getOwnerUsername()).isEqualTo("driver");
        assertThat(trip.getDriverName()).isEqualTo("Drew Driver");
        assertThat(trip.getDistanceKm()).isEqualByComparingTo("120.5");
        assertThat(trip.getCo2Kg()).isPositive();
        assertThat(trip.getCreatedBy()).isEqualTo("driver");
    }

    @Test
    void odometerGoingBackwardsIsRejectedWithFieldMessage() {
        TripLog trip = new TripLog();
        trip.setStartOdometerKm(new BigDecimal("500"));
        trip.setEndOdometerKm(new BigDecimal("499.9"));
        assertThatThrownBy(trip::requireConsistent)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("endOdometerKm"))
                .hasMessageContaining("cannot go backwards");
        TripLog saved = driversDraft("Odometer check");
        signedIn.run("driver", () -> {
            TripLog edit = trips.details(saved.getId()).orElseThrow().trip();
            edit.setEndOdometerKm(new BigDecimal("40000"));
            assertThatThrownBy(() -> trips.update(edit)).hasMessageContaining("cannot go backwards");
            assertThat(trips.details(saved.getId()).orElseThrow().trip().getEndOdometerKm()).isEqualByComparingTo("41120.5");
        });
    }

    @Test
    void endBeforeStartAndUnknownCurrencyAreRejected() {
        TripLog saved = driversDraft("Time check");
        signedIn.run("driver", () -> {
            TripLog edit = trips.details(saved.getId()).orElseThrow().trip();
            edit.setEndedAt(edit.getStartedAt().minusSeconds(60));
            assertThatThrownBy(() -> trips.update(edit))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("endedAt"))
                    .hasMessageContaining("cannot end before it started");
            TripLog edit2 = trips.details(saved.getId()).orElseThrow().trip();
            edit2.setCurrency("XYZ");
            assertThatThrownBy(() -> trips.update(edit2)).hasMessageContaining("Unknown currency");
        });
    }

    @Test
    void expensesAddUpPerCurrencyAndBadAmountsAreRejected() {
        TripLog trip = driversDraft("Expenses");
        signedIn.run("driver", () -> {
            trips.addExpense(trip.getId(), new TripExpense(ExpenseType.FUEL, new BigDecimal("60.10"), "GBP", LocalDate.of(2026, 11, 2), "Diesel"), null);
            trips.addExpense(trip.getId(), new TripExpense(ExpenseType.TOLL, new BigDecimal("4.90"), "GBP", LocalDate.of(2026, 11, 2), "M62"), null);
            trips.addExpense(trip.getId(), new TripExpense(ExpenseType.PARKING, new BigDecimal("12.00"), "EUR", LocalDate.of(2026, 11, 2), null), null);
            assertThatThrownBy(() -> trips.addExpense(trip.getId(),
                    new TripExpense(ExpenseType.MEAL, new BigDecimal("-5"), "GBP", LocalDate.of(2026, 11, 2), null), null))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("amount"))
                    .hasMessageContaining("more than zero");
            assertThatThrownBy(() -> trips.addExpense(trip.getId(),
                    new TripExpense(ExpenseType.MEAL, new BigDecimal("5"), "ABC", LocalDate.of(2026, 11, 2), null), null))
                    .hasMessageContaining("Unknown currency");
            TripDetails details = trips.details(trip.getId()).orElseThrow();
            assertThat(details.expenses()).hasSize(3);
            assertThat(details.totalsByCurrency()).containsOnlyKeys("EUR", "GBP");
            assertThat(details.totalsByCurrency().get("GBP")).isEqualByComparingTo("65.00");
            assertThat(details.trip().getTotalCost()).isEqualByComparingTo("65.00");
        });
    }

    @Test
    void receiptsMustBeImagesOrPdfsWithinTheSizeLimit() {
        assertThatThrownBy(() -> ReceiptFile.inspect("invoice.pdf", "MZ this is an executable".getBytes()))
                .hasMessageContaining("must be a photo");
        assertThatThrownBy(() -> ReceiptFile.inspect("big.png", new byte[ReceiptFile.MAX_BYTES + 1]))
                .hasMessageContaining("at most 5 MB");
        assertThatThrownBy(() -> ReceiptFile.inspect("empty.png", new byte[0])).hasMessageContaining("empty");
        assertThat(ReceiptFile.inspect("scan.pdf", "%PDF-1.7 ...".getBytes()).contentType()).isEqualTo("application/pdf");

        TripLog trip = driversDraft("Receipt");
        signedIn.run("driver", () -> {
            TripExpense saved = trips.addExpense(trip.getId(),
                    new TripExpense(ExpenseType.PARKING, new BigDecimal("3.50"), "GBP", LocalDate.of(2026, 11, 2), "NCP"),
                    ReceiptFile.inspect("ticket.png", PNG));
            ReceiptFile stored = trips.receipt(saved.getId()).orElseThrow();
            assertThat(stored.contentType()).isEqualTo("image/png");
            assertThat(stored.content()).isEqualTo(PNG);
        });
    }

    @Test
    void approvalWorkflowWithRejectionResubmissionAndHistory() {
        TripLog trip = driversDraft("Workflow");
        long id = trip.getId();
        long managerUnreadBefore = signedIn.as("manager", notifications::unreadCount);
        signedIn.run("driver", () -> trips.submit(id));
        assertThat(signedIn.as("manager", notifications::unreadCount)).isEqualTo(managerUnreadBefore + 1);

        // A driver cannot decide, nor can a manager of another depot.
        signedIn.run("driver", () -> assertThatThrownBy(() -> trips.approve(id, null)).isInstanceOf(AccessDeniedException.class));
        signedIn.run("manager2", () -> assertThatThrownBy(() -> trips.approve(id, null)).isInstanceOf(AccessDeniedException.class));
        // Nor can the owner edit once submitted.
        signedIn.run("driver", () -> {
            TripLog edit = trips.details(id).orElseThrow().trip();
            edit.setPurpose("Sneaky change");
            assertThatThrownBy(() -> trips.update(edit)).hasMessageContaining("no longer be changed");
        });

        signedIn.run("manager", () -> {
            assertThatThrownBy(() -> trips.reject(id, " ")).hasMessageContaining("Say why");
            assertThat(trips.details(id).orElseThrow().trip().getStatus()).isEqualTo(TripStatus.SUBMITTED);
            trips.reject(id, "Missing fuel receipt");
        });
        long driverUnread = signedIn.as("driver", notifications::unreadCount);
        assertThat(driverUnread).isPositive();
        assertThat(signedIn.as("driver", () -> notifications.mine(1).getFirst().getText())).contains("rejected", "Missing fuel receipt");

        signedIn.run("driver", () -> {
            TripLog edit = trips.details(id).orElseThrow().trip();
            edit.setNotes("Receipt added");
            trips.update(edit);
            trips.submit(id);
        });
        signedIn.run("manager", () -> trips.approve(id, "Thanks"));

        TripDetails details = signedIn.as("driver", () -> trips.details(id).orElseThrow());
        assertThat(details.trip().getStatus()).isEqualTo(TripStatus.APPROVED);
        assertThat(details.history()).extracting(TripApproval::getAction)
                .containsExactly(ApprovalAction.SUBMITTED, ApprovalAction.REJECTED, ApprovalAction.SUBMITTED, ApprovalAction.APPROVED);
        assertThat(details.history()).extracting(TripApproval::getActor).containsExactly("driver", "manager", "driver", "manager");
        assertThat(details.history().get(1).getComment()).isEqualTo("Missing fuel receipt");
        assertThat(details.history()).allSatisfy(a -> assertThat(a.getActedAt()).isNotNull());
        // Approved trips are final.
        signedIn.run("driver", () -> assertThatThrownBy(() -> trips.delete(id)).hasMessageContaining("Only a draft"));
    }

    @Test
    void onlyTheOwnerEditsAndOnlyDraftsAreDeleted() {
        TripLog trip = driversDraft("Owner only");
        signedIn.run("office", () -> {
            TripLog edit = trips.details(trip.getId()).orElseThrow().trip();
            edit.setPurpose("Office change");
            assertThatThrownBy(() -> trips.update(edit)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> trips.delete(trip.getId())).isInstanceOf(AccessDeniedException.class);
        });
        signedIn.run("warehouse", () -> assertThatThrownBy(() -> trips.details(trip.getId())).isInstanceOf(AccessDeniedException.class));
        signedIn.run("driver", () -> trips.delete(trip.getId()));
        signedIn.run("driver", () -> assertThat(trips.details(trip.getId())).isEmpty());
    }

    @Test
    void staleEditSaysSomeoneElseChangedIt() {
        TripLog trip = driversDraft("Stale");
        signedIn.run("driver", () -> {
            TripLog first = trips.details(trip.getId()).orElseThrow().trip();
            TripLog second = trips.details(trip.getId()).orElseThrow().trip();
            first.setPurpose("First edit");
            trips.update(first);
            second.setPurpose("Second edit");
            assertThatThrownBy(() -> trips.update(second)).isInstanceOf(ChangedBySomeoneElseException.class)
                    .hasMessageContaining("changed by someone else");
            assertThat(trips.details(trip.getId()).orElseThrow().trip().getPurpose()).isEqualTo("First edit");
        });
    }

    @Test
    void policyViolationsAreFlaggedWithTheirReason() {
        TripPolicyRule cap = signedIn.as("admin", () -> trips.savePolicyRule(
                new TripPolicyRule(PolicyRuleKind.EXPENSE_TYPE_CAP, ExpenseType.LODGING, "GBP", new BigDecimal("90"))));
        try {
            TripLog trip = driversDraft("Overnight");
            signedIn.run("driver", () -> {
                trips.addExpense(trip.getId(), new TripExpense(ExpenseType.LODGING, new BigDecimal("140"), "GBP", LocalDate.of(2026, 11, 2), "Hotel"), null);
                TripLog stored = trips.details(trip.getId()).orElseThrow().trip();
                assertThat(stored.violatesPolicy()).isTrue();
                assertThat(stored.getPolicyViolations()).contains("Lodging expense of GBP 140.00 is over the cap of GBP 90");
                var rows = trips.page(new TripFilter(null, null, Set.of(), null, null, null, "Overnight"), List.of(TripSort.newestFirst()), 0, 10);
                assertThat(rows).anySatisfy(r -> assertThat(r.policyViolations()).contains("Lodging"));
            });
            signedIn.run("driver", () -> assertThatThrownBy(() -> trips.savePolicyRule(
                    new TripPolicyRule(PolicyRuleKind.MAX_TRIP_COST, null, "GBP", BigDecimal.ONE))).isInstanceOf(AccessDeniedException.class));
        } finally {
            signedIn.run("admin", () -> trips.deletePolicyRule(cap.getId()));
        }
    }

    @Test
    void bulkApprovalDecidesEachTripAndReportsRefusals() {
        TripLog a = driversDraft("Bulk A");
        TripLog b = driversDraft("Bulk B");
        TripLog draft = driversDraft("Bulk draft");
        signedIn.run("driver", () -> {
            trips.submit(a.getId());
            trips.submit(b.getId());
        });
        var result = signedIn.as("manager", () -> trips.approveAll(List.of(a.getId(), b.getId(), draft.getId()), null));
        assertThat(result.approved()).containsExactlyInAnyOrder(a.getId(), b.getId());
        assertThat(result.refused()).containsOnlyKeys(draft.getId());
        assertThat(result.refused().get(draft.getId())).contains("Only a submitted trip");
    }

    @Test
    void duplicateMakesANewDraftContinuingTheOdometer() {
        TripLog trip = driversDraft("Repeat run");
        TripLog copy = signedIn.as("driver", () -> trips.duplicate(trip.getId()));
        assertThat(copy.getId()).isNotEqualTo(trip.getId());
        assertThat(copy.getStatus()).isEqualTo(TripStatus.DRAFT);
        assertThat(copy.getStartOdometerKm()).isEqualByComparingTo(trip.getEndOdometerKm());
        assertThat(copy.getDistanceKm()).isEqualByComparingTo(trip.getDistanceKm());
    }

    @Test
    void gridFiltersAreScopedToTheCaller() {
        driversDraft("Scoped search term zebrafish");
        var mine = signedIn.as("driver", () -> trips.page(TripFilter.none(), List.of(TripSort.newestFirst()), 0, 200));
        assertThat(mine).isNotEmpty().allSatisfy(r -> assertThat(r.driverName()).isEqualTo("Drew Driver"));
        var otherManager = signedIn.as("manager2", () -> trips.page(
                new TripFilter(null, null, Set.of(), null, null, null, "zebrafish"), List.of(TripSort.newestFirst()), 0, 10));
        assertThat(otherManager).isEmpty();
        var ownManager = signedIn.as("manager", () -> trips.page(
                new TripFilter(null, null, Set.of(TripStatus.DRAFT), null, null, null, "zebra"), List.of(TripSort.newestFirst()), 0, 10));
        assertThat(ownManager).extracting(TripRow::purpose).contains("Scoped search term zebrafish");
        var byCost = signedIn.as("admin", () -> trips.page(TripFilter.none(), List.of(new TripSort(TripSort.Column.TOTAL_COST, true)), 0, 50));
        assertThat(byCost).extracting(TripRow::totalCost).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void estimateComesFromSimilarPastTrips() {
        // A private history in Swiss francs, so the demo data does not interfere: cost = 2 CHF per km.
        signedIn.run("driver", () -> {
            Vehicle vehicle = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst();
            Driver me = drivers.mine().orElseThrow();
            for (int i = 0; i < 12; i++) {
                TripLog t = new TripLog();
                t.setVehicleId(vehicle.getId());
                t.setDriverId(me.getId());
                t.setPurpose("Alpine run " + i);
                Instant start = Instant.parse("2026-06-01T07:00:00Z").plus(i, ChronoUnit.DAYS);
                t.setStartedAt(start);
                t.setEndedAt(start.plus(2, ChronoUnit.HOURS));
                t.setStartPlace("Basel");
                t.setEndPlace("Bern");
                int km = 90 + i * 2;
                t.setStartOdometerKm(new BigDecimal(50000));
                t.setEndOdometerKm(new BigDecimal(50000 + km));
                t.setCurrency("CHF");
                TripLog saved = trips.create(t);
                trips.addExpense(saved.getId(), new TripExpense(ExpenseType.FUEL, new BigDecimal(km * 2), "CHF", LocalDate.of(2026, 6, 1), null), null);
                trips.submit(saved.getId());
            }
            VehicleType type = vehicle.getType();
            CostEstimate estimate = trips.estimate(type, new BigDecimal("100"), Duration.ofHours(2), "CHF");
            assertThat(estimate.similarTrips()).isEqualTo(12);
            assertThat(estimate.low()).isBetween(new BigDecimal("180"), new BigDecimal("190"));
            assertThat(estimate.typical()).isBetween(new BigDecimal("200"), new BigDecimal("205"));
            assertThat(estimate.high()).isBetween(new BigDecimal("215"), new BigDecimal("225"));
            assertThat(trips.estimate(type, new BigDecimal("100"), Duration.ofHours(2), "JPY").available()).isFalse();
            assertThatThrownBy(() -> trips.estimate(type, BigDecimal.ZERO, Duration.ofHours(2), "CHF")).isInstanceOf(InvalidInputException.class);
        });
    }
}
