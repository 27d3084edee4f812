package com.fleetdesk.trips.ui;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.trips.ExpenseType;
import com.fleetdesk.trips.PolicyRuleKind;
import com.fleetdesk.trips.TripLogService;
import com.fleetdesk.trips.TripPolicyRule;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The expense policy: limits every trip is checked against. Administrators edit, others read. */
@Route("trips/policy")
@PageTitle("Expense policy · Fleetdesk")
@Menu(title = "Expense policy", order = 120, icon = "vaadin:scale")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.OFFICE_STAFF})
public class TripPolicyView extends Main {

    final Grid<TripPolicyRule> grid = new Grid<>(TripPolicyRule.class, false);
    final Button add = new Button("New rule", VaadinIcon.PLUS.create());
    private final TripLogService trips;

    public TripPolicyView(TripLogService trips) {
        this.trips = trips;
        addClassNames("list-view");
        boolean admin = CurrentUser.hasRole(Role.ADMIN);
        RuleForm form = new RuleForm(trips, saved -> {
            Feedback.saved("Policy rule saved; it applies to trips whose costs change from now on");
            reload();
        });
        form.setReadOnly(!admin);
        grid.addColumn(r -> r.getKind().label()).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(TripPolicyRule::describe).setHeader("Limit").setFlexGrow(1);
        grid.addColumn(StatusBadge.renderer(r -> r.isActive() ? "Active" : "Inactive", r -> r.isActive() ? StatusBadge.Tone.SUCCESS : StatusBadge.Tone.NEUTRAL))
                .setHeader("State").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Expense policy rules");
        grid.setSizeFull();
        grid.addItemClickListener(e -> form.edit(e.getItem()));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(admin);
        add.addClickListener(e -> form.edit(new TripPolicyRule(PolicyRuleKind.EXPENSE_TYPE_CAP, ExpenseType.MEAL, "GBP", null)));
        add(new H1("Expense policy"),
                new Paragraph("Trips whose expenses break a rule are flagged with the reason in the trip list and the approvals inbox."),
                add, grid);
        reload();
    }

    private void reload() {
        grid.setItems(trips.policyRules());
    }

    static class RuleForm extends EditDialog<TripPolicyRule> {
        final Select<PolicyRuleKind> kind = new Select<>();
        final Select<ExpenseType> expenseType = new Select<>();
        final TextField currency = new TextField("Currency");
        final BigDecimalField amount = new BigDecimalField("Limit");
        final Checkbox active = new Checkbox("Active");

        RuleForm(TripLogService trips, SerializableConsumer<TripPolicyRule> afterSave) {
            super("Policy rule", TripPolicyRule.class, trips::savePolicyRule, afterSave);
            kind.setLabel("Rule");
            kind.setItems(PolicyRuleKind.values());
            kind.setItemLabelGenerator(PolicyRuleKind::label);
            expenseType.setLabel("Expense type (for caps)");
            expenseType.setItems(ExpenseType.values());
            // The empty choice reaches the label generator as null.
            expenseType.setItemLabelGenerator(t -> t == null ? "" : t.label());
            expenseType.setEmptySelectionAllowed(true);
            expenseType.setEmptySelectionCaption("Not for this rule");
            currency.setMaxLength(3);
            kind.addValueChangeListener(e -> expenseType.setEnabled(e.getValue() == PolicyRuleKind.EXPENSE_TYPE_CAP));
            binder.bindInstanceFields(this);
            form.add(kind, expenseType, currency, amount, active);
        }
    }
}
