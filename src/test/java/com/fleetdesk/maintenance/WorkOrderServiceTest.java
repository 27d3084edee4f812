package com.fleetdesk.maintenance;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.UserAccount;
import com.fleetdesk.fleet.UserAccountService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.maintenance.MaintenanceFixtures.Stocked;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class WorkOrderServiceTest {

    @Autowired
    WorkOrderService orders;
    @Autowired
    VehicleService vehicles;
    @Autowired
    UserAccountService accounts;
    @Autowired
    UserNotificationService notifications;
    @Autowired
    MaintenanceFixtures fixtures;
    @Autowired
    SignedIn signedIn;

    private Vehicle van() {
        return fixtures.van("Transit Custom", new BigDecimal("1200"), LocalDate.now().minusMonths(2));
    }

    private VehicleStatus statusOf(Vehicle v) {
        return signedIn.as("admin", () -> vehicles.find(v.getId()).orElseThrow().getStatus());
    }

    private void refused(String user, Runnable action, String... fragments) {
        assertThatThrownBy(() -> signedIn.run(user, action)).isInstanceOf(InvalidInputException.class).message().contains(fragments);
    }

    @Test
    void aWorkOrderGoesOpenInProgressDoneAndRefusesEveryOtherStep() {
        Vehicle van = van();
        WorkOrder order = signedIn.as("technician", () -> orders.create(van.getId(), null, "Replace wiper blades"));
        long id = order.getId();
        assertThat(order.getStatus()).isEqualTo(WorkOrderStatus.OPEN);
        assertThat(order.getNumber()).startsWith("WO-");

        refused("technician", () -> orders.complete(id, new BigDecimal("1300"), LocalDate.now()), order.getNumber(), "has not started yet");
        signedIn.run("technician", () -> orders.start(id));
        assertThat(statusOf(van)).isEqualTo(VehicleStatus.IN_MAINTENANCE);
        refused("technician", () -> orders.start(id), "cannot be started", "already started");

        long task = signedIn.as("technician", () -> orders.addTask(id, "Fit new blades")).getTasks().getFirst().getId();
        refused("technician", () -> orders.complete(id, new BigDecimal("1300"), LocalDate.now()), "Tick off every task", "1 task is still open");
        refused("technician", () -> orders.complete(id, new BigDecimal("1300"), LocalDate.now().plusDays(3)), "future date");
        refused("technician", () -> orders.addTask(id, "  "), "Describe the task");
        signedIn.run("technician", () -> orders.markTask(id, task, true));
        WorkOrder done = signedIn.as("technician", () -> orders.complete(id, new BigDecimal("1300"), LocalDate.now()));

        assertThat(done.getStatus()).isEqualTo(WorkOrderStatus.DONE);
        assertThat(done.getOdometerKm()).isEqualByComparingTo("1300");
        assertThat(statusOf(van)).isEqualTo(VehicleStatus.ACTIVE);
        refused("technician", () -> orders.cancel(id, "changed my mind"), "cannot be cancelled", "already done");
        refused("technician", () -> orders.start(id), "cannot be started", "already done");
        refused("technician", () -> orders.addTask(id, "One more"), "can no longer be changed");
    }

    @Test
    void partsAreReservedWhenAddedAndIssuedWhenTheOrderIsDoneWithTheCostOfLabourAndParts() {
        Vehicle van = van();
        Stocked s = fixtures.stocked(5);
        long id = signedIn.as("technician", () -> orders.create(van.getId(), null, "Brakes")).getId();
        String number = signedIn.as("technician", () -> orders.addPart(id, s.part(), s.location(), new BigDecimal("2"))).getNumber();

        assertThat(fixtures.level(s).onHand()).isEqualByComparingTo("5");
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("2");
        assertThat(fixtures.level(s).available()).isEqualByComparingTo("3");
        assertThat(fixtures.movements(s)).containsExactly("RECEIPT 5 PO-TEST", "RESERVE 2 " + number);

        WorkOrder costed = signedIn.as("technician", () -> orders.recordLabour(id, new BigDecimal("1.5"), new BigDecimal("60")));
        assertThat(costed.labourCost()).isEqualByComparingTo("90.00");
        assertThat(costed.partsCost()).isEqualByComparingTo("25.00");
        assertThat(costed.totalCost()).isEqualByComparingTo("115.00");
        refused("technician", () -> orders.recordLabour(id, new BigDecimal("-1"), new BigDecimal("60")), "labour hours");

        signedIn.run("technician", () -> orders.start(id));
        WorkOrder done = signedIn.as("technician", () -> orders.complete(id, new BigDecimal("1250"), LocalDate.now()));

        assertThat(done.getParts()).singleElement().satisfies(line -> assertThat(line.isIssued()).isTrue());
        assertThat(fixtures.level(s).onHand()).isEqualByComparingTo("3");
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("0");
        assertThat(fixtures.movements(s)).containsExactly("RECEIPT 5 PO-TEST", "RESERVE 2 " + number, "RELEASE -2 " + number,
                "ISSUE -2 " + number);
        assertThat(done.totalCost()).isEqualByComparingTo("115.00");
    }

    @Test
    void removingALineOrCancellingReleasesTheReservedParts() {
        Vehicle van = van();
        Stocked s = fixtures.stocked(5);
        long id = signedIn.as("manager", () -> orders.create(van.getId(), null, "Brakes")).getId();
        signedIn.run("manager", () -> orders.addPart(id, s.part(), s.location(), new BigDecimal("1")));
        WorkOrder withTwo = signedIn.as("manager", () -> orders.addPart(id, s.part(), s.location(), new BigDecimal("3")));
        String number = withTwo.getNumber();
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("4");

        long first = withTwo.getParts().getFirst().getId();
        signedIn.run("manager", () -> orders.removePart(id, first));
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("3");

        signedIn.run("manager", () -> orders.start(id));
        refused("manager", () -> orders.cancel(id, " "), "why");
        WorkOrder cancelled = signedIn.as("manager", () -> orders.cancel(id, "Vehicle sold"));

        assertThat(cancelled.getStatus()).isEqualTo(WorkOrderStatus.CANCELLED);
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("0");
        assertThat(fixtures.level(s).onHand()).isEqualByComparingTo("5");
        assertThat(fixtures.movements(s)).containsExactly("RECEIPT 5 PO-TEST", "RESERVE 1 " + number, "RESERVE 3 " + number,
                "RELEASE -1 " + number, "RELEASE -3 " + number);
        assertThat(statusOf(van)).isEqualTo(VehicleStatus.ACTIVE);
    }

    @Test
    void notEnoughStockIsRefusedWithAClearMessageAndChangesNothing() {
        Vehicle van = van();
        Stocked s = fixtures.stocked(5);
        long id = signedIn.as("technician", () -> orders.create(van.getId(), null, "Brakes")).getId();
        refused("technician", () -> orders.addPart(id, s.part(), s.location(), new BigDecimal("6")),
                "Only 5 " + s.number(), "available at " + s.locationName(), "cannot reserve 6");
        refused("technician", () -> orders.addPart(id, s.part(), s.location(), new BigDecimal("1.5")), "whole pieces");
        refused("technician", () -> orders.addPart(id, s.part(), s.location(), new BigDecimal("0")), "above 0");
        refused("technician", () -> orders.addPart(id, Long.MAX_VALUE, s.location(), new BigDecimal("1")), "not in the catalogue");

        assertThat(signedIn.as("technician", () -> orders.find(id)).orElseThrow().getParts()).isEmpty();
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("0");
        assertThat(fixtures.movements(s)).containsExactly("RECEIPT 5 PO-TEST");
    }

    @Test
    void twoTechniciansCompletingTheSameOrderAtOnceIssueThePartsOnce() throws Exception {
        Vehicle van = van();
        Stocked s = fixtures.stocked(5);
        long id = signedIn.as("technician", () -> orders.create(van.getId(), null, "Brakes")).getId();
        signedIn.run("technician", () -> {
            orders.addPart(id, s.part(), s.location(), new BigDecimal("2"));
            orders.start(id);
        });
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (String who : List.of("technician", "manager")) {
                outcomes.add(pool.submit(() -> signedIn.as(who, () -> {
                    try {
                        together.await();
                        orders.complete(id, new BigDecimal("1300"), LocalDate.now());
                        return "done";
                    } catch (InvalidInputException e) {
                        return e.getMessage();
                    } catch (Exception e) {
                        return "unexpected " + e;
                    }
                })));
            }
            List<String> results = new java.util.ArrayList<>();
            for (var f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).containsOnlyOnce("done");
            assertThat(results).anySatisfy(r -> assertThat(r).contains("cannot be completed", "already done"));
        } finally {
            pool.shutdown();
        }
        assertThat(fixtures.level(s).onHand()).isEqualByComparingTo("3");
        assertThat(fixtures.level(s).reserved()).isEqualByComparingTo("0");
        assertThat(fixtures.movements(s)).filteredOn(m -> m.startsWith("ISSUE")).hasSize(1);
    }

    @Test
    void theVehicleStaysInMaintenanceWhileAnyOrderOnItIsInProgress() {
        Vehicle van = van();
        long a = signedIn.as("manager", () -> orders.create(van.getId(), null, "Brakes")).getId();
        long b = signedIn.as("manager", () -> orders.create(van.getId(), null, "Tyres")).getId();
        signedIn.run("manager", () -> orders.start(a));
        signedIn.run("manager", () -> orders.start(b));
        assertThat(statusOf(van)).isEqualTo(VehicleStatus.IN_MAINTENANCE);

        signedIn.run("manager", () -> orders.complete(a, new BigDecimal("1210"), LocalDate.now()));
        assertThat(statusOf(van)).as("the tyre job is still going").isEqualTo(VehicleStatus.IN_MAINTENANCE);
        signedIn.run("manager", () -> orders.cancel(b, "Tyres not delivered"));
        assertThat(statusOf(van)).isEqualTo(VehicleStatus.ACTIVE);
    }

    @Test
    void assigningATechnicianNotifiesThemAndOnlyTechniciansOfTheDepotQualify() {
        Vehicle van = van();
        long id = signedIn.as("manager", () -> orders.create(van.getId(), null, "Check the tail lift")).getId();
        long unreadBefore = signedIn.as("technician", () -> notifications.unreadCount());

        WorkOrder assigned = signedIn.as("manager", () -> orders.assign(id, "technician"));
        assertThat(assigned.getTechnicianUsername()).isEqualTo("technician");
        assertThat(signedIn.as("technician", () -> notifications.unreadCount())).isEqualTo(unreadBefore + 1);
        assertThat(signedIn.as("technician", () -> notifications.mine(1)).getFirst().getText())
                .contains(assigned.getNumber(), van.getRegistration(), "assigned to you");

        refused("manager", () -> orders.assign(id, "warehouse"), "warehouse is not a technician");
        assertThatThrownBy(() -> signedIn.run("technician", () -> orders.assign(id, "manager")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void driversAndOfficeStaffAreRefusedAndTechniciansOfAnotherDepotCannotTouchTheOrder() {
        Vehicle van = van();
        long id = signedIn.as("manager", () -> orders.create(van.getId(), null, "Brakes")).getId();
        for (String user : List.of("driver", "office", "dispatcher")) {
            assertThatThrownBy(() -> signedIn.run(user, () -> orders.create(van.getId(), null, "x"))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.run(user, () -> orders.find(id))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> signedIn.run(user, () -> orders.start(id))).isInstanceOf(AccessDeniedException.class);
        }
        String other = otherDepotTechnician();
        assertThat(signedIn.as(other, () -> orders.find(id))).isEmpty();
        assertThat(signedIn.as(other, () -> orders.page(WorkOrderFilter.none(), 0, 1000))).noneMatch(w -> w.getId() == id);
        assertThatThrownBy(() -> signedIn.run(other, () -> orders.start(id)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("own depots");
        assertThatThrownBy(() -> signedIn.run(other, () -> orders.create(van.getId(), null, "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("own depots");
        assertThatThrownBy(() -> signedIn.run("manager2", () -> orders.cancel(id, "not mine")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(signedIn.as("manager", () -> orders.find(id)).orElseThrow().getStatus()).isEqualTo(WorkOrderStatus.OPEN);
    }

    private String otherDepotTechnician() {
        Depot other = fixtures.otherDepot();
        String username = "tech-" + other.getId();
        signedIn.run("admin", () -> {
            if (accounts.list().stream().noneMatch(a -> a.getUsername().equals(username))) {
                UserAccount account = new UserAccount(username, "Other Depot Technician");
                account.setEmail(username + "@fleetdesk.example");
                account.setRoles(EnumSet.of(Role.TECHNICIAN));
                account.setDepots(Set.of(other));
                accounts.save(account, "fleetdesk-secret");
            }
        });
        return username;
    }
}
