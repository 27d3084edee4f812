package com.fleetdesk.base.audit.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.base.ui.LoginView;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.Depot;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
@ViewPackages(classes = {AuditLogView.class, MainLayout.class, LoginView.class})
class AuditLogViewTest extends SpringBrowserlessTest {

    @Autowired
    DepotService depots;

    @Test
    @WithUserDetails("admin")
    void adminFindsARecordsChangeByTypeAndId() {
        // An existing depot (a new one would lack managers, which the demo-data test checks), changed and then put back.
        Depot depot = depots.visibleDepots().getFirst();
        String oldAddress = depot.getAddress();
        depot.setAddress(oldAddress + " (audit test)");
        depot = depots.save(depot);
        AuditLogView view = navigate(AuditLogView.class);
        test(view.recordType).selectItem("Depot");
        test(view.recordId).setValue(depot.getId().toString());
        var grid = test(view.grid);
        assertThat(grid.size()).isGreaterThanOrEqualTo(1);
        assertThat(grid.getCellText(0, 1)).isEqualTo("admin");
        assertThat(grid.getCellText(0, 2)).isEqualTo("Changed");
        assertThat(grid.getCellText(0, 4)).isEqualTo("address: " + oldAddress + " → " + oldAddress + " (audit test)");

        depot.setAddress(oldAddress);
        depots.save(depot);
    }

    @Test
    @WithUserDetails("manager")
    void managersCannotOpenTheAuditLog() {
        assertThatThrownBy(() -> navigate(AuditLogView.class)).isInstanceOf(Exception.class);
    }
}
