package com.fleetdesk.fleet.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {VehicleListView.class, MainLayout.class})
class VehicleListViewTest extends SpringBrowserlessTest {

    @Autowired
    VehicleService vehicles;
    @Autowired
    DepotService depots;

    @Test
    @WithUserDetails("admin")
    void gridListsTheFleetAndFiltersByStatusAndText() {
        VehicleListView view = navigate(VehicleListView.class);
        long all = vehicles.count(VehicleFilter.none());
        assertThat(test(view.grid).size()).isEqualTo((int) all);

        view.status.setValue(Set.of(VehicleStatus.IN_MAINTENANCE));
        long inMaintenance = vehicles.count(new VehicleFilter(null, null, Set.of(VehicleStatus.IN_MAINTENANCE), null));
        assertThat(test(view.grid).size()).isEqualTo((int) inMaintenance).isLessThan((int) all);

        view.status.clear();
        Vehicle some = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst();
        test(view.search).setValue(some.getVin());
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getCellText(0, 0)).isEqualTo(some.getRegistration());
    }

    @Test
    @WithUserDetails("admin")
    void aScrolledRangeThatStartsMidPageGetsExactlyItsRows() {
        // A browser scrolled the grid asks for e.g. rows 150-249; the load benchmark found such ranges failing.
        VehicleListView view = navigate(VehicleListView.class);
        var byRegistration = List.of(new QuerySortOrder("registration", SortDirection.ASCENDING));
        List<String> expected = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 25, Sort.by("registration")))
                .stream().map(Vehicle::getRegistration).toList().subList(15, 25);
        List<String> fetched = view.grid.getDataProvider().fetch(new Query<>(15, 10, byRegistration, null, null))
                .map(Vehicle::getRegistration).toList();
        assertThat(fetched).isEqualTo(expected);
    }

    @Test
    @WithUserDetails("admin")
    void badVinShowsAFieldMessageAndSavesNothing() {
        VehicleListView view = navigate(VehicleListView.class);
        long before = vehicles.count(VehicleFilter.none());
        test(view.add).click();
        VehicleForm form = $(VehicleForm.class).single();
        test(form.registration).setValue("BAD 001");
        test(form.vin).setValue("WF0OXXTTGXKY12345");
        test(form.make).setValue("Ford");
        test(form.model).setValue("Transit");
        test(form.modelYear).setValue(2024);
        form.type.setValue(com.fleetdesk.fleet.VehicleType.VAN);
        form.fuelType.setValue(com.fleetdesk.fleet.FuelType.DIESEL);
        form.depot.setValue(depots.visibleDepots().getFirst());
        test($(Button.class).withText("Save").single()).click();

        assertThat(form.vin.isInvalid()).isTrue();
        assertThat(form.vin.getErrorMessage()).contains("17 characters");
        assertThat(form.isOpened()).isTrue();
        assertThat(vehicles.count(VehicleFilter.none())).isEqualTo(before);
    }

    @Test
    @WithUserDetails("admin")
    void newVehicleIsSavedAndAppearsInTheOpenGridByPush() {
        VehicleListView view = navigate(VehicleListView.class);
        int before = test(view.grid).size();
        test(view.add).click();
        VehicleForm form = $(VehicleForm.class).single();
        test(form.registration).setValue("NEW 24 UI");
        test(form.vin).setValue("WF0XXXTTGXNEW2024");
        test(form.make).setValue("Ford");
        test(form.model).setValue("E-Transit");
        test(form.modelYear).setValue(2024);
        form.type.setValue(com.fleetdesk.fleet.VehicleType.VAN);
        form.fuelType.setValue(com.fleetdesk.fleet.FuelType.ELECTRIC);
        form.depot.setValue(depots.visibleDepots().getFirst());
        test($(Button.class).withText("Save").single()).click();

        assertThat(form.isOpened()).isFalse();
        com.fleetdesk.PushedUpdates.deliver();
        assertThat(test(view.grid).size()).isEqualTo(before + 1);
    }

    @Test
    @WithUserDetails("driver")
    void driverSeesOnlyOwnVehicleAndCannotEdit() {
        VehicleListView view = navigate(VehicleListView.class);
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(view.add.isVisible()).isFalse();
        test(view.grid).clickRow(0);
        VehicleForm form = $(VehicleForm.class).single();
        assertThat(form.registration.isReadOnly()).isTrue();
        assertThat($(Button.class).withText("Save").exists()).as("a visible Save button").isFalse();
    }

    @Test
    @WithUserDetails("driver")
    void driverMenuHasNoManagerScreens() {
        navigate(VehicleListView.class);
        var labels = $(com.vaadin.flow.component.sidenav.SideNavItem.class).all().stream().map(com.vaadin.flow.component.sidenav.SideNavItem::getLabel).toList();
        assertThat(labels).contains("Vehicles", "Overview").doesNotContain("Drivers", "Depots", "Users and roles");
    }

    @Test
    @WithUserDetails("admin")
    void adminMenuIsGroupedByModule() {
        navigate(VehicleListView.class);
        var groups = $(com.vaadin.flow.component.sidenav.SideNav.class).all().stream().map(com.vaadin.flow.component.sidenav.SideNav::getLabel).toList();
        assertThat(groups).containsExactly(null, "Fleet", "Administration");
        var labels = $(com.vaadin.flow.component.sidenav.SideNavItem.class).all().stream().map(com.vaadin.flow.component.sidenav.SideNavItem::getLabel).toList();
        assertThat(labels).containsExactly("Overview", "Vehicles", "Drivers", "Depots", "Users and roles");
    }

    @Test
    @WithUserDetails("manager")
    void themeChoiceIsRememberedForTheUser() {
        navigate(VehicleListView.class);
        Button toggle = $(Button.class).withText("Dark theme").single();
        test(toggle).click();
        assertThat(toggle.getText()).isEqualTo("Light theme");
        navigate(FleetOverviewView.class);
        assertThat($(Button.class).withText("Light theme").exists()).isTrue();
        test($(Button.class).withText("Light theme").single()).click();
    }
}
