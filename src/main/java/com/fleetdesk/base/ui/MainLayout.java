package com.fleetdesk.base.ui;

import com.fleetdesk.base.preferences.UserPreferenceService;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The application frame: a drawer with the menu grouped by module (only entries the user may
 * open, only modules that have any), and a header with the colour-scheme switch and user menu.
 */
@Layout
@PermitAll
@com.vaadin.flow.component.dependency.JsModule("./aria-required-fix.js")
public class MainLayout extends AppLayout {

    private final UserPreferenceService preferences;
    private final AuthenticationContext authentication;
    private final Button themeSwitch = new Button();
    private final Div headerSlot = new Div();

    public MainLayout(UserPreferenceService preferences, AuthenticationContext authentication,
                      com.fleetdesk.base.notifications.UserNotificationService notifications,
                      com.fleetdesk.base.live.LiveEventBus live) {
        this.preferences = preferences;
        this.authentication = authentication;
        setPrimarySection(Section.DRAWER);

        Span brand = new Span("Fleetdesk");
        brand.addClassNames("brand");
        Div drawerHeader = new Div(brand);
        drawerHeader.addClassName("drawer-header");
        addToDrawer(drawerHeader, buildNavigation());

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("Show or hide the menu");
        themeSwitch.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        themeSwitch.addClickListener(e -> toggleColorScheme());
        headerSlot.addClassName("header-slot");
        // The support assistant one click away from every screen (by route: base does not depend on support).
        Button assistant = new Button(new Icon(VaadinIcon.CHAT), e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("support/assistant")));
        assistant.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        assistant.setAriaLabel("Ask the support assistant");
        assistant.setTooltipText("Ask the support assistant");
        HorizontalLayout header = new HorizontalLayout(toggle, headerSlot, assistant, new NotificationBell(notifications, live), themeSwitch, buildUserMenu());
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(headerSlot);
        header.addClassName("app-header");
        addToNavbar(header);
    }

    /** Modules add header widgets (e.g. the notifications bell) through this slot. */
    public void addHeaderComponent(Component component) {
        headerSlot.add(component);
    }

    /**
     * One labelled navigation list per module rather than expandable parent items: every entry
     * stays one Tab away and screen readers announce the module as the list's name.
     */
    private Component buildNavigation() {
        Map<FleetdeskModule, List<MenuEntry>> byModule = new java.util.TreeMap<>();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            byModule.computeIfAbsent(FleetdeskModule.of(entry.menuClass()), m -> new java.util.ArrayList<>()).add(entry);
        }
        Div navigation = new Div();
        navigation.addClassName("app-navigation");
        byModule.forEach((module, entries) -> {
            SideNav nav = new SideNav();
            if (module != FleetdeskModule.HOME) {
                nav.setLabel(module.label());
            } else {
                nav.getElement().setAttribute("aria-label", "Home");
            }
            entries.forEach(entry -> nav.addItem(item(entry)));
            navigation.add(nav);
        });
        return navigation;
    }

    private static SideNavItem item(MenuEntry entry) {
        SideNavItem item = new SideNavItem(entry.title(), entry.path());
        if (entry.icon() != null && !entry.icon().isBlank()) {
            item.setPrefixComponent(new Icon(entry.icon()));
        }
        return item;
    }

    private Component buildUserMenu() {
        String username = CurrentUser.username().orElse("?");
        String roles = CurrentUser.roles().stream().map(Role::label).collect(Collectors.joining(", "));
        Avatar avatar = new Avatar(username);
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        HorizontalLayout trigger = new HorizontalLayout(avatar, new Span(username));
        trigger.setAlignItems(FlexComponent.Alignment.CENTER);
        trigger.setSpacing(true);

        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        menu.getElement().setAttribute("aria-label", "User menu");
        var root = menu.addItem(trigger);
        root.setAriaLabel("User menu for " + username);
        var who = root.getSubMenu().addItem("Signed in as " + username + (roles.isEmpty() ? "" : " (" + roles + ")"));
        who.setEnabled(false);
        root.getSubMenu().addItem("Log out", e -> authentication.logout());
        return menu;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ColorScheme.Value scheme = preferences.mine(UserPreferenceService.COLOR_SCHEME)
                .map(v -> "dark".equals(v) ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT)
                .orElse(ColorScheme.Value.LIGHT);
        applyColorScheme(attachEvent.getUI(), scheme);
    }

    private void toggleColorScheme() {
        UI ui = UI.getCurrent();
        ColorScheme.Value next = ui.getPage().getColorScheme() == ColorScheme.Value.DARK ? ColorScheme.Value.LIGHT : ColorScheme.Value.DARK;
        applyColorScheme(ui, next);
        preferences.setMine(UserPreferenceService.COLOR_SCHEME, next == ColorScheme.Value.DARK ? "dark" : "light");
    }

    private void applyColorScheme(UI ui, ColorScheme.Value scheme) {
        ui.getPage().setColorScheme(scheme);
        boolean dark = scheme == ColorScheme.Value.DARK;
        themeSwitch.setIcon(new Icon(dark ? VaadinIcon.SUN_O : VaadinIcon.MOON_O));
        themeSwitch.setText(dark ? "Light theme" : "Dark theme");
        themeSwitch.setAriaLabel(dark ? "Switch to the light theme" : "Switch to the dark theme");
    }
}
