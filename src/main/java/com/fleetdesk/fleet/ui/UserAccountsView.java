package com.fleetdesk.fleet.ui;

import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.AdministrationMenu;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.SearchField;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.UserAccount;
import com.fleetdesk.fleet.UserAccountService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Route("admin/users")
@PageTitle("Users · Fleetdesk")
@Menu(title = "Users and roles", order = 900, icon = "vaadin:users")
@AdministrationMenu
@RolesAllowed(Roles.ADMIN)
public class UserAccountsView extends Main {

    final Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);
    final SearchField search = new SearchField("Search", "Username or name");
    private final UserAccountService users;
    private List<UserAccount> all = List.of();

    public UserAccountsView(UserAccountService users, DepotService depots) {
        this.users = users;
        addClassNames("list-view");
        UserForm form = new UserForm(users, depots, saved -> {
            Feedback.saved("User " + saved.getUsername() + " saved");
            reload();
        });
        grid.addColumn(UserAccount::getUsername).setHeader("Username").setKey("username").setSortable(true).setAutoWidth(true);
        grid.addColumn(UserAccount::getFullName).setHeader("Name").setKey("fullName").setSortable(true).setAutoWidth(true);
        grid.addColumn(a -> a.getRoles().stream().map(Role::label).sorted().collect(Collectors.joining(", "))).setHeader("Roles").setKey("roles").setAutoWidth(true);
        grid.addColumn(a -> a.getDepots().stream().map(Depot::getName).sorted().collect(Collectors.joining(", "))).setHeader("Depots").setKey("depots").setFlexGrow(1);
        grid.addColumn(StatusBadge.renderer(a -> a.isEnabled() ? "Enabled" : "Disabled", a -> a.isEnabled() ? StatusBadge.Tone.SUCCESS : StatusBadge.Tone.NEUTRAL))
                .setHeader("Status").setKey("enabled").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("User accounts");
        grid.setSizeFull();
        grid.addItemClickListener(e -> form.edit(e.getItem()));
        search.addValueChangeListener(e -> applyFilter());
        Button add = new Button("New user", VaadinIcon.PLUS.create(), e -> form.edit(new UserAccount("", "")));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FlexLayout bar = new FlexLayout(search, add);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassNames("filter-bar");
        add(new H1("Users and roles"), bar, grid);
        reload();
    }

    private void reload() {
        all = users.list();
        applyFilter();
    }

    private void applyFilter() {
        String text = search.getValue().strip().toLowerCase(Locale.ROOT);
        grid.setItems(all.stream().filter(a -> text.isEmpty() || a.getUsername().contains(text)
                || a.getFullName().toLowerCase(Locale.ROOT).contains(text)).toList());
    }

    static class UserForm extends EditDialog<UserAccount> {
        final TextField username = new TextField("Username");
        final TextField fullName = new TextField("Full name");
        final EmailField email = new EmailField("E-mail");
        final MultiSelectComboBox<Role> roles = new MultiSelectComboBox<>("Roles");
        final MultiSelectComboBox<Depot> depots = new MultiSelectComboBox<>("Depots");
        final Checkbox enabled = new Checkbox("Can sign in");
        final PasswordField password = new PasswordField("New password");

        UserForm(UserAccountService users, DepotService depotService, SerializableConsumer<UserAccount> afterSave) {
            super("User", UserAccount.class, null, afterSave);
            roles.setItems(Role.values());
            roles.setItemLabelGenerator(Role::label);
            depots.setItems(depotService.visibleDepots());
            depots.setItemLabelGenerator(Depot::getName);
            password.setHelperText("At least 8 characters; leave empty to keep the current password");
            binder.bindInstanceFields(this);
            form.add(username, fullName, email, roles, depots, enabled, password);
            setSaveAction(account -> users.save(account, password.getValue()));
        }

        @Override
        public void edit(UserAccount account) {
            setHeaderTitle(account.isNew() ? "New user" : "User " + account.getUsername());
            password.clear();
            super.edit(account);
        }
    }
}
