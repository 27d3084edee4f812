package com.fleetdesk.trips.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.FullDisk;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.trips.ExpenseType;
import com.fleetdesk.trips.ReceiptFile;
import com.fleetdesk.trips.TripCategory;
import com.fleetdesk.trips.TripDetails;
import com.fleetdesk.trips.TripExpense;
import com.fleetdesk.trips.TripLog;
import com.fleetdesk.trips.TripLogService;
import com.fleetdesk.trips.TripStatus;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {TripLogListView.class, MainLayout.class})
class TripViewsTest extends SpringBrowserlessTest {

    @Autowired
    TripLogService trips;
    @Autowired
    VehicleService vehicles;
    @Autowired
    DriverService drivers;
    @Autowired
    SignedIn signedIn;
    @Autowired
    com.fleetdesk.trips.DriverTrips driverTrips;
    @Autowired
    JdbcClient jdbc;

    private TripLog draftOfDriver(String purpose) {
        return driverTrips.draft(purpose, Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.DAYS),
                java.time.Duration.ofMinutes(90), "Salford", "Bolton", "1000", "1042");
    }

    @Test
    @WithUserDetails("admin")
    void gridShowsNewestTripsAndFiltersByStatus() {
        TripLogListView view = navigate(TripLogListView.class);
        assertThat(test(view.grid).size()).isPositive();
        view.status.setValue(Set.of(TripStatus.REJECTED));
        int rows = Math.min(test(view.grid).size(), 20);
        assertThat(rows).isPositive();
        for (int i = 0; i < rows; i++) {
            assertThat(test(view.grid).getRow(i).status()).isEqualTo(TripStatus.REJECTED);
        }
        // The badge, policy and link columns are templates: each row carries its words, tone and address.
        var first = test(view.grid).getRow(0);
        assertThat(test(view.grid).getLitRendererPropertyValue(0, "STATUS", "text", String.class)).isEqualTo(TripStatus.REJECTED.label());
        assertThat(test(view.grid).getLitRendererPropertyValue(0, "STATUS", "tone", String.class)).isEqualTo("error");
        int breach = java.util.stream.IntStream.range(0, rows).filter(i -> test(view.grid).getRow(i).policyViolations() != null)
                .findFirst().orElseThrow(() -> new AssertionError("the demo data has rejected trips that broke the policy"));
        assertThat(test(view.grid).getLitRendererPropertyValue(breach, "policy", "violations", String.class))
                .isEqualTo(test(view.grid).getRow(breach).policyViolations());
        assertThat(test(view.grid).getLitRendererPropertyValue(0, "open", "href", String.class)).isEqualTo("trip/" + first.id());
    }

    @Test
    @WithUserDetails("driver")
    void odometerGoingBackwardsShowsAFieldMessageAndSavesNothing() {
        TripLogListView view = navigate(TripLogListView.class);
        test(view.add).click();
        TripForm form = $(TripForm.class).single();
        form.vehicle.setValue(form.vehicle.getLazyDataView().getItems().findFirst().orElseThrow());
        form.startOdometerKm.setValue(new BigDecimal("1999"));
        // Choosing the vehicle (which fills the start reading) does not flag the fields not filled in yet.
        assertThat(form.purpose.isInvalid()).isFalse();
        assertThat(form.endOdometerKm.isInvalid()).isFalse();
        form.driver.setValue(form.driver.getListDataView().getItem(0));
        test(form.purpose).setValue("Backwards odometer");
        form.startedAt.setValue(LocalDateTime.of(2026, 11, 3, 8, 0));
        form.endedAt.setValue(LocalDateTime.of(2026, 11, 3, 9, 0));
        test(form.startPlace).setValue("Wigan");
        test(form.endPlace).setValue("Bury");
        form.startOdometerKm.setValue(new BigDecimal("2000"));
        form.endOdometerKm.setValue(new BigDecimal("1990"));
        test($(Button.class).withText("Save").single()).click();
        assertThat(form.endOdometerKm.isInvalid()).isTrue();
        assertThat(form.endOdometerKm.getErrorMessage()).contains("cannot go backwards");
        assertThat(form.isOpened()).isTrue();

        form.endOdometerKm.setValue(new BigDecimal("2031"));
        test($(Button.class).withText("Save").single()).click();
        assertThat(form.isOpened()).isFalse();
        TripDetailView detail = (TripDetailView) getCurrentView();
        assertThat(detail.title.getText()).isEqualTo("Backwards odometer");
    }

    @Test
    @WithUserDetails("driver")
    void driverSubmitsFromTheDetailView() {
        TripLog trip = draftOfDriver("Submit from detail");
        TripDetailView view = navigate(TripDetailView.class, trip.getId());
        test($(Button.class).withText("Submit for approval").single()).click();
        assertThat(signedIn.as("driver", () -> trips.details(trip.getId()).orElseThrow().trip().getStatus())).isEqualTo(TripStatus.SUBMITTED);
        assertThat($(Button.class).withText("Submit for approval").exists()).isFalse();
        assertThat($(Button.class).withText("Approve").exists()).as("drivers never see Approve").isFalse();
        assertThat(view.title.getText()).isEqualTo("Submit from detail");
    }

    @Test
    @WithUserDetails("driver")
    void nonImageReceiptIsRefusedWithAMessage() {
        TripLog trip = draftOfDriver("Receipt upload");
        navigate(TripDetailView.class, trip.getId());
        test($(Button.class).withText("Add expense").single()).click();
        ExpenseDialog dialog = $(ExpenseDialog.class).single();
        dialog.acceptReceipt("receipt.pdf", "#!/bin/sh\necho not a receipt".getBytes());
        assertThat(dialog.problem.isVisible()).isTrue();
        assertThat(dialog.problem.getText()).contains("must be a photo");
        assertThat(dialog.receiptStatus.getText()).isEqualTo("No receipt attached.");
        dialog.acceptReceipt("fuel.png", com.fleetdesk.trips.TripLogServiceTestFixtures.PNG);
        assertThat(dialog.receiptStatus.getText()).contains("fuel.png", "image/png");
    }

    @Test
    @WithUserDetails("manager")
    void inboxShowsSubmittedTripsLiveAndApprovesInBulk() {
        ApprovalsInboxView inbox = navigate(ApprovalsInboxView.class);
        TripLog trip = draftOfDriver("Live inbox trip");
        signedIn.run("driver", () -> trips.submit(trip.getId()));
        com.fleetdesk.PushedUpdates.deliver();
        var row = inbox.grid.getListDataView().getItems().filter(r -> r.id() == trip.getId()).findFirst();
        assertThat(row).as("submitted trip pushed into the open inbox").isPresent();
        inbox.grid.select(row.get());
        test(inbox.approveSelected).click();
        assertThat(signedIn.as("manager", () -> trips.details(trip.getId()).orElseThrow().trip().getStatus())).isEqualTo(TripStatus.APPROVED);
        assertThat(inbox.grid.getListDataView().getItems().noneMatch(r -> r.id() == trip.getId())).isTrue();
    }

    @Test
    @WithUserDetails("admin")
    void adminEditsTheExpensePolicy() {
        TripPolicyView view = navigate(TripPolicyView.class);
        int before = test(view.grid).size();
        assertThat(before).isGreaterThanOrEqualTo(3); // the demo policy
        test(view.add).click();
        TripPolicyView.RuleForm form = $(TripPolicyView.RuleForm.class).single();
        form.kind.setValue(com.fleetdesk.trips.PolicyRuleKind.MAX_TRIP_COST);
        test(form.currency).setValue("EUR");
        form.amount.setValue(new BigDecimal("900"));
        test($(Button.class).withText("Save").single()).click();
        assertThat(form.isOpened()).isFalse();
        assertThat(test(view.grid).size()).isEqualTo(before + 1);
        var created = trips.policyRules().stream().filter(r -> "EUR".equals(r.getCurrency())).findFirst().orElseThrow();
        assertThat(created.getExpenseType()).isNull();
        trips.deletePolicyRule(created.getId());
    }

    @Test
    @WithUserDetails("office")
    void officeStaffReadThePolicyButCannotChangeIt() {
        TripPolicyView view = navigate(TripPolicyView.class);
        assertThat(view.add.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("manager")
    void managerRejectsOnlyWithAComment() {
        TripLog trip = draftOfDriver("Reject me");
        signedIn.run("driver", () -> trips.submit(trip.getId()));
        TripDetailView view = navigate(TripDetailView.class, trip.getId());
        test($(Button.class).withText("Reject").single()).click();
        assertThat(signedIn.as("manager", () -> trips.details(trip.getId()).orElseThrow().trip().getStatus())).isEqualTo(TripStatus.SUBMITTED);
        test(view.decisionComment).setValue("Wrong vehicle");
        test($(Button.class).withText("Reject").single()).click();
        assertThat(signedIn.as("manager", () -> trips.details(trip.getId()).orElseThrow().trip().getStatus())).isEqualTo(TripStatus.REJECTED);
    }

    /** A PDF of {@code size} bytes that does not compress (so it really takes that much room in the database). */
    private static byte[] pdf(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, b, 0, 9);
        return b;
    }

    @Test
    @WithUserDetails("driver")
    void aFullDiskRefusesTheReceiptClearlyKeepsEverythingAndTheSameDialogWorksOnceSpaceIsFreed() throws Exception {
        TripLog trip = draftOfDriver("Receipt on a full disk");
        byte[] parkingReceipt = pdf(40_000, 1);
        TripExpense parking = signedIn.as("driver", () -> trips.addExpense(trip.getId(),
                new TripExpense(ExpenseType.PARKING, new BigDecimal("4.50"), "GBP", LocalDate.now(), "Car park"),
                ReceiptFile.inspect("parking.pdf", parkingReceipt)));
        BigDecimal totalBefore = signedIn.as("driver", () -> trips.details(trip.getId()).orElseThrow().trip().getTotalCost());
        byte[] fuelReceipt = pdf(1_000_000, 2);

        // Receipts live in PostgreSQL (trip_receipt; the upload itself is held in memory): that is the disk that fills up.
        try (FullDisk disk = FullDisk.under(jdbc, "trip_receipt", 4 * 1024 * 1024)) {
            disk.fill(256 * 1024);
            navigate(TripDetailView.class, trip.getId());
            test($(Button.class).withText("Add expense").single()).click();
            ExpenseDialog dialog = $(ExpenseDialog.class).single();
            dialog.type.setValue(ExpenseType.FUEL);
            dialog.amount.setValue(new BigDecimal("61.20"));
            dialog.acceptReceipt("fuel.pdf", fuelReceipt);
            test(dialog.save).click();

            assertThat(dialog.isOpened()).as("the dialog stays open with what was entered").isTrue();
            assertThat(dialog.problem.isVisible()).isTrue();
            assertThat(dialog.problem.getText()).contains("storage is full", "receipt was not saved", "expense was not added", "trip is unchanged");
            TripDetails unchanged = signedIn.as("driver", () -> trips.details(trip.getId()).orElseThrow());
            assertThat(unchanged.expenses()).extracting(TripExpense::getId).containsExactly(parking.getId());
            assertThat(unchanged.trip().getTotalCost()).isEqualByComparingTo(totalBefore);
            assertThat(signedIn.as("driver", () -> trips.receipt(parking.getId())).orElseThrow().content())
                    .as("the receipt saved before is intact").isEqualTo(parkingReceipt);

            disk.free();
            test(dialog.save).click();
            assertThat(dialog.isOpened()).as("saved once there is room again").isFalse();
            TripDetails after = signedIn.as("driver", () -> trips.details(trip.getId()).orElseThrow());
            assertThat(after.expenses()).hasSize(2);
            TripExpense fuel = after.expenses().stream().filter(x -> x.getType() == ExpenseType.FUEL).findFirst().orElseThrow();
            assertThat(signedIn.as("driver", () -> trips.receipt(fuel.getId())).orElseThrow().content()).isEqualTo(fuelReceipt);
            assertThat(after.trip().getTotalCost()).isEqualByComparingTo(totalBefore.add(new BigDecimal("61.20")));
        }
    }
}
