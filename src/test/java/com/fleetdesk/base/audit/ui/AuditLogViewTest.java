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
        Depot depot = new Depot();
        String oldName = "Audit Test Depot " + System.nanoTime();
        depot.setName(oldName);
        depot.setAddress("1 Audit Street, Salford");
        depot.setLatitude(53.48);
        depot.setLongitude(-2.29);
        depot = depots.save(depot);
        depot.setName(oldName + " (renamed)");
        depot = depots.save(depot);

        AuditLogView view = navigate(AuditLogView.class);
        test(view.recordType).selectItem("Depot");
        test(view.recordId).setValue(depot.getId().toString());
        var grid = test(view.grid);
        assertThat(grid.size()).isGreaterThanOrEqualTo(1);
        assertThat(grid.getCellText(0, 1)).isEqualTo("admin");
        assertThat(grid.getCellText(0, 2)).isEqualTo("Changed");
        assertThat(grid.getCellText(0, 4)).contains("name: " + oldName + " → " + oldName + " (renamed)");
    }

    @Test
    @WithUserDetails("manager")
    void managersCannotOpenTheAuditLog() {
        assertThatThrownBy(() -> navigate(AuditLogView.class)).isInstanceOf(Exception.class);
    }
}
