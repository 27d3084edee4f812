package com.fleetdesk.fleet;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class VehicleServiceTest {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    @Autowired
    VehicleService vehicles;
    @Autowired
    DepotService depots;
    @Autowired
    DepotRepository depotRepository;
    @Autowired
    FleetAccess access;
    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    @WithUserDetails("admin")
    void adminSeesEveryDepotsVehicles() {
        assertThat(vehicles.count(VehicleFilter.none())).isGreaterThanOrEqualTo(60);
        assertThat(depots.visibleDepots()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @WithUserDetails("manager")
    void managerSeesOnlyOwnDepot() {
        Depot own = depots.visibleDepots().getFirst();
        assertThat(depots.visibleDepots()).hasSize(1);
        var page = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 200));
        assertThat(page).isNotEmpty().allSatisfy(v -> assertThat(v.getDepot().getId()).isEqualTo(own.getId()));
        assertThat(vehicles.count(VehicleFilter.none())).isEqualTo(page.size());
    }

    @Test
    @WithUserDetails("manager2")
    void aChangeToTheUsersDepotsAppliesFromTheirNextRequest() {
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        long user = jdbc.sql("select id from user_account where username = 'manager2'").query(Long.class).single();
        long own = depots.visibleDepots().getFirst().getId();
        long other = jdbc.sql("select min(id) from depot where id <> ?").param(own).query(Long.class).single();
        var request = new org.springframework.web.context.request.ServletRequestAttributes(new org.springframework.mock.web.MockHttpServletRequest());
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(request);
        try {
            assertThat(access.currentScope().includes(other)).isFalse();
            jdbc.sql("insert into user_account_depot (user_account_id, depot_id) values (?, ?)").params(user, other).update();
            assertThat(access.currentScope().includes(other)).as("read once per request").isFalse();

            org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                    new org.springframework.web.context.request.ServletRequestAttributes(new org.springframework.mock.web.MockHttpServletRequest()));
            assertThat(access.currentScope().includes(other)).as("the next request").isTrue();
            assertThat(depots.visibleDepots()).extracting(Depot::getId).contains(own, other);
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
            jdbc.sql("delete from user_account_depot where user_account_id = ? and depot_id = ?").params(user, other).update();
        }
        assertThat(access.currentScope().includes(other)).as("outside a request: read every time").isFalse();
    }

    @Test
    @WithUserDetails("driver")
    void driverSeesOnlyTheVehicleAssignedToThem() {
        var mine = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 50));
        assertThat(mine).isNotEmpty().allSatisfy(v -> assertThat(v.getCurrentDriver().fullName()).isEqualTo("Drew Driver"));
    }

    @Test
    @WithUserDetails("driver")
    void driverCannotSaveVehicles() {
        Vehicle vehicle = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst();
        vehicle.setMake("Hacked");
        assertThatThrownBy(() -> vehicles.save(vehicle)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("manager")
    void managerCannotRegisterVehiclesAtAnotherDepot() {
        Depot other = otherDepotThanManagers();
        Vehicle vehicle = newVehicle(other);
        assertThatThrownBy(() -> vehicles.save(vehicle))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("own depots");
    }

    @Test
    @WithUserDetails("manager")
    void managerRegistersVehicleAtOwnDepotAndItIsListed() {
        Depot own = depots.visibleDepots().getFirst();
        Vehicle saved = vehicles.save(newVehicle(own));
        assertThat(saved.getId()).isNotNull();
        assertThat(saved.getCreatedBy()).isEqualTo("manager");
        assertThat(vehicles.list(new VehicleFilter(saved.getRegistration(), null, Set.of(), null), PageRequest.of(0, 5)))
                .extracting(Vehicle::getVin).containsExactly(saved.getVin());
    }

    @Test
    @WithUserDetails("admin")
    void malformedVinIsRejectedWithFieldMessage() {
        Vehicle vehicle = newVehicle(depots.visibleDepots().getFirst());
        vehicle.setVin("WF0OXXTTGXKY12345");
        assertThatThrownBy(() -> vehicles.save(vehicle))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).contains("vin");
                    assertThat(e.getMessage()).contains("17 characters");
                });
    }

    @Test
    @WithUserDetails("admin")
    void duplicateRegistrationIsRejected() {
        Depot depot = depots.visibleDepots().getFirst();
        Vehicle first = vehicles.save(newVehicle(depot));
        Vehicle copy = newVehicle(depot);
        copy.setRegistration(first.getRegistration().toLowerCase());
        assertThatThrownBy(() -> vehicles.save(copy))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("registration"))
                .hasMessageContaining("already used");
    }

    @Test
    @WithUserDetails("admin")
    void staleEditIsRejectedAndTheFirstSaveSurvives() {
        Vehicle created = vehicles.save(newVehicle(depots.visibleDepots().getFirst()));
        Vehicle mine = vehicles.find(created.getId()).orElseThrow();
        Vehicle theirs = vehicles.find(created.getId()).orElseThrow();
        theirs.setModel("Transit Custom Trend");
        vehicles.save(theirs);
        mine.setModel("Transit Custom Sport");
        assertThatThrownBy(() -> vehicles.save(mine))
                .isInstanceOf(ChangedBySomeoneElseException.class)
                .hasMessageContaining("changed by someone else");
        assertThat(vehicles.find(created.getId()).orElseThrow().getModel()).isEqualTo("Transit Custom Trend");
    }

    @Test
    @WithUserDetails("admin")
    void retiredVehicleCannotReturnToService() {
        Vehicle created = vehicles.save(newVehicle(depots.visibleDepots().getFirst()));
        vehicles.changeStatus(created.getId(), VehicleStatus.RETIRED);
        assertThatThrownBy(() -> vehicles.changeStatus(created.getId(), VehicleStatus.ACTIVE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("retired");
        assertThat(vehicles.find(created.getId()).orElseThrow().getStatus()).isEqualTo(VehicleStatus.RETIRED);
    }

    @Test
    @WithUserDetails("admin")
    void filtersByStatusAndTextAndSorts() {
        var active = vehicles.list(new VehicleFilter(null, null, Set.of(VehicleStatus.ACTIVE), null), PageRequest.of(0, 500));
        assertThat(active).isNotEmpty().allSatisfy(v -> assertThat(v.getStatus()).isEqualTo(VehicleStatus.ACTIVE));
        var vans = vehicles.list(new VehicleFilter("transit", null, Set.of(), VehicleType.VAN),
                PageRequest.of(0, 500, Sort.by("registration")));
        assertThat(vans).isNotEmpty().allSatisfy(v -> assertThat(v.getModel()).containsIgnoringCase("transit"));
        assertThat(vans).extracting(Vehicle::getRegistration).isSorted();
    }

    private Depot otherDepotThanManagers() {
        Depot own = depots.visibleDepots().getFirst();
        return depotRepository.findAll().stream().filter(d -> !d.getId().equals(own.getId())).findFirst().orElseThrow();
    }

    static Vehicle newVehicle(Depot depot) {
        int n = SERIAL.incrementAndGet();
        Vehicle vehicle = new Vehicle();
        vehicle.setRegistration(String.format("TST%02d %03d", n % 100, System.nanoTime() % 1000));
        vehicle.setVin(String.format("WF0XXXTTGX%07d", System.nanoTime() % 10_000_000));
        vehicle.setMake("Ford");
        vehicle.setModel("Transit Custom");
        vehicle.setModelYear(2024);
        vehicle.setType(VehicleType.VAN);
        vehicle.setFuelType(FuelType.DIESEL);
        vehicle.setCapacityKg(1100);
        vehicle.setCapacityM3(new BigDecimal("6.0"));
        vehicle.setOdometerKm(new BigDecimal("1200"));
        vehicle.setDepot(depot);
        return vehicle;
    }
}
