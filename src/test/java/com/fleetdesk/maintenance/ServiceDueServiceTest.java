package com.fleetdesk.maintenance;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class ServiceDueServiceTest {

    @Autowired
    ServiceDueService due;
    @Autowired
    ServiceScheduleService schedules;
    @Autowired
    WorkOrderService orders;
    @Autowired
    VehicleService vehicles;
    @Autowired
    FleetDirectory fleet;
    @Autowired
    MaintenanceFixtures fixtures;
    @Autowired
    SignedIn signedIn;

    private ServiceSchedule schedule(String model, Integer km, Integer months) {
        return signedIn.as("manager", () -> {
            ServiceSchedule s = new ServiceSchedule();
            s.setName("Test service");
            s.setVehicleType(VehicleType.VAN);
            s.setVehicleModel(model);
            s.setIntervalKm(km);
            s.setIntervalMonths(months);
            s.setTasks("Check oil\nCheck tyres");
            return schedules.save(s);
        });
    }

    private ServiceDue line(Vehicle v, ServiceSchedule s) {
        return signedIn.as("manager", () -> due.forVehicle(v.getId())).stream().filter(d -> d.scheduleId() == s.getId()).findFirst().orElseThrow();
    }

    private static String model() {
        return "Testvan " + System.nanoTime() % 1_000_000;
    }

    @Test
    void byDistanceFromTheLastCompletedServiceTheOdometerDecides() {
        String model = model();
        ServiceSchedule s = schedule(model, 10_000, null);
        Vehicle van = fixtures.van(model, new BigDecimal("4000"), LocalDate.now().minusYears(1));
        assertThat(line(van, s).status()).as("never serviced: due at 10,000 km from new").isEqualTo(DueStatus.OK);
        assertThat(line(van, s).nextDueKm()).isEqualByComparingTo("10000");
        assertThat(line(van, s).serviceRecorded()).isFalse();

        odometer(van, "9200");
        assertThat(line(van, s).status()).isEqualTo(DueStatus.DUE_SOON);
        odometer(van, "10050");
        ServiceDue overdue = line(van, s);
        assertThat(overdue.status()).isEqualTo(DueStatus.OVERDUE);
        assertThat(overdue.kmLeft()).isEqualByComparingTo("-50");

        // One click from the due line: the order carries the schedule's checklist; doing it resets the clock.
        WorkOrder order = signedIn.as("technician", () -> orders.create(van.getId(), s.getId(), null));
        assertThat(order.getTitle()).isEqualTo("Test service");
        assertThat(order.getTasks()).extracting(WorkOrderTask::getDescription).containsExactly("Check oil", "Check tyres");
        assertThat(line(van, s).openWorkOrderNumber()).isEqualTo(order.getNumber());
        assertThatThrownBy(() -> signedIn.run("technician", () -> orders.create(van.getId(), s.getId(), null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(order.getNumber() + " is already open");
        signedIn.run("technician", () -> {
            orders.start(order.getId());
            orders.markAllTasks(order.getId(), true);
            orders.complete(order.getId(), new BigDecimal("10100"), LocalDate.now());
        });
        ServiceDue after = line(van, s);
        assertThat(after.serviceRecorded()).isTrue();
        assertThat(after.lastServiceKm()).isEqualByComparingTo("10100");
        assertThat(after.nextDueKm()).isEqualByComparingTo("20100");
        assertThat(after.status()).isEqualTo(DueStatus.OK);
        assertThat(after.openWorkOrderId()).isNull();
        // The vehicle's own next-service km follows (the earliest of its schedules), which the telematics alert reads.
        Vehicle stored = signedIn.as("admin", () -> vehicles.find(van.getId()).orElseThrow());
        assertThat(stored.getNextServiceKm()).isLessThanOrEqualTo(new BigDecimal("20100"));
    }

    @Test
    void byTimeFromThePurchaseDateOrTheLastServiceDate() {
        String model = model();
        ServiceSchedule s = schedule(model, null, 6);
        Vehicle fresh = fixtures.van(model, new BigDecimal("100"), LocalDate.now().minusMonths(1));
        Vehicle soon = fixtures.van(model, new BigDecimal("100"), LocalDate.now().minusMonths(6).plusDays(10));
        Vehicle late = fixtures.van(model, new BigDecimal("100"), LocalDate.now().minusMonths(7));
        assertThat(line(fresh, s).status()).isEqualTo(DueStatus.OK);
        assertThat(line(fresh, s).nextDueDate()).isEqualTo(LocalDate.now().minusMonths(1).plusMonths(6));
        assertThat(line(soon, s).status()).isEqualTo(DueStatus.DUE_SOON);
        assertThat(line(late, s).status()).isEqualTo(DueStatus.OVERDUE);

        // Work recorded late: done 7 months ago, so the next one was due a month ago.
        WorkOrder order = signedIn.as("manager", () -> orders.create(fresh.getId(), s.getId(), null));
        LocalDate sevenMonthsAgo = LocalDate.now().minusMonths(7);
        signedIn.run("manager", () -> {
            orders.start(order.getId());
            orders.markAllTasks(order.getId(), true);
            orders.complete(order.getId(), new BigDecimal("90"), sevenMonthsAgo);
        });
        assertThat(line(fresh, s).status()).isEqualTo(DueStatus.OVERDUE);
        assertThat(line(fresh, s).nextDueDate()).isEqualTo(sevenMonthsAgo.plusMonths(6));
        assertThat(fleet.serviceDue(0, 0)).anySatisfy(d -> assertThat(d.vehicleId()).isEqualTo(fresh.getId()));

        List<ServiceDue> overdue = signedIn.as("manager", () -> due.dueList(new ServiceDueFilter(null, DueStatus.OVERDUE, model)));
        assertThat(overdue).extracting(ServiceDue::vehicleId).contains(fresh.getId(), late.getId()).doesNotContain(soon.getId());
    }

    @Test
    void aModelsOwnScheduleReplacesTheTypesScheduleOfTheSameName() {
        String model = model();
        Vehicle van = fixtures.van(model, new BigDecimal("100"), LocalDate.now());
        ServiceSchedule typeWide = signedIn.as("manager", () -> schedules.list()).stream()
                .filter(x -> x.getVehicleType() == VehicleType.VAN && !x.forModel() && x.getName().equals("A service")).findFirst().orElseThrow();
        assertThat(signedIn.as("manager", () -> due.forVehicle(van.getId()))).extracting(ServiceDue::scheduleId).contains(typeWide.getId());
        ServiceSchedule own = signedIn.as("admin", () -> {
            ServiceSchedule s = new ServiceSchedule();
            s.setName("A service");
            s.setVehicleType(VehicleType.VAN);
            s.setVehicleModel(model);
            s.setIntervalKm(50_000);
            return schedules.save(s);
        });
        assertThat(signedIn.as("manager", () -> due.forVehicle(van.getId()))).extracting(ServiceDue::scheduleId)
                .contains(own.getId()).doesNotContain(typeWide.getId());
    }

    @Test
    void schedulesAreCheckedAndOnlyManagersAndAdministratorsChangeThem() {
        ServiceSchedule none = new ServiceSchedule();
        none.setName("No interval");
        none.setVehicleType(VehicleType.VAN);
        assertThatThrownBy(() -> signedIn.run("manager", () -> schedules.save(none)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("interval in km, in months, or both");
        ServiceSchedule dup = new ServiceSchedule();
        dup.setName("a SERVICE");
        dup.setVehicleType(VehicleType.VAN);
        dup.setIntervalKm(10_000);
        assertThatThrownBy(() -> signedIn.run("manager", () -> schedules.save(dup)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already a schedule named");
        dup.setName("Valid one");
        assertThatThrownBy(() -> signedIn.run("technician", () -> schedules.save(dup))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("driver", () -> due.dueList(ServiceDueFilter.none()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("office", () -> schedules.list())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theDemoFleetHasAServiceHistoryAndSomeVehiclesDue() {
        List<ServiceDue> all = signedIn.as("admin", () -> due.dueList(ServiceDueFilter.none()));
        assertThat(all).anyMatch(d -> d.status() == DueStatus.OK && d.serviceRecorded());
        assertThat(all).anyMatch(d -> d.status() == DueStatus.OVERDUE);
        assertThat(all).anyMatch(d -> d.openWorkOrderId() != null);
        long depot = fixtures.firstDepot().getId();
        assertThat(signedIn.as("manager", () -> due.dueList(ServiceDueFilter.none()))).isNotEmpty().allMatch(d -> d.depotId() == depot);
        assertThat(signedIn.as("admin", () -> orders.count(new WorkOrderFilter(null, null, WorkOrderStatus.IN_PROGRESS, null, null))))
                .isPositive();
    }

    private void odometer(Vehicle v, String km) {
        signedIn.run("admin", () -> {
            Vehicle stored = vehicles.find(v.getId()).orElseThrow();
            stored.setOdometerKm(new BigDecimal(km));
            vehicles.save(stored);
        });
    }
}
