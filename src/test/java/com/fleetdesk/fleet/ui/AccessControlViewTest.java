package com.fleetdesk.fleet.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.base.ui.LoginView;
import com.fleetdesk.base.ui.MainLayout;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
@ViewPackages(classes = {VehicleListView.class, MainLayout.class, LoginView.class})
class AccessControlViewTest extends SpringBrowserlessTest {

    @Test
    @WithAnonymousUser
    void anonymousUserIsSentToLogin() {
        navigate("vehicles", LoginView.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    @WithUserDetails("driver")
    void driverCannotOpenTheUserAdministration() {
        assertThatThrownBy(() -> navigate(UserAccountsView.class)).isInstanceOf(Exception.class);
        assertThat(getCurrentView()).isNotInstanceOf(UserAccountsView.class);
    }

    @Test
    @WithUserDetails("admin")
    void adminOpensUserAdministrationWithEveryAccount() {
        UserAccountsView view = navigate(UserAccountsView.class);
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(88);
    }

    @Test
    @WithUserDetails("dispatcher")
    void dispatcherSeesDriversButCannotAddThem() {
        DriverListView view = navigate(DriverListView.class);
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(80);
        assertThat(view.add.isVisible()).isFalse();
    }
}
