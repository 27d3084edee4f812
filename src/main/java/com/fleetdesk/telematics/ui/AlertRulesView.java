package com.fleetdesk.telematics.ui;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.telematics.AlertKind;
import com.fleetdesk.telematics.AlertRule;
import com.fleetdesk.telematics.AlertService;
import com.fleetdesk.telematics.AlertSeverity;
import com.fleetdesk.telematics.Geofence;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What each depot is alerted about: thresholds, minimum durations, geofences and severities. */
@Route("alerts/rules")
@PageTitle("Alert rules · Fleetdesk")
@Menu(title = "Alert rules", order = 220, icon = "vaadin:sliders")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER})
public class AlertRulesView extends Main {

    final Grid<AlertRule> grid = new Grid<>(AlertRule.class, false);
    final Button add = new Button("New rule", VaadinIcon.PLUS.create());
    private final AlertService alerts;

    public AlertRulesView(AlertService alerts, DepotService depots) {
        this.alerts = alerts;
        addClassNames("list-view");
        List<Depot> depotList = depots.visibleDepots();
        Map<Long, String> depotNames = depotList.stream().collect(Collectors.toMap(Depot::getId, Depot::getName));
        boolean canEdit = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER);
        RuleForm form = new RuleForm(alerts, depotList, saved -> {
            Feedback.saved("Alert rule saved");
            reload();
        });
        form.setReadOnly(!canEdit);
        grid.addColumn(r -> depotNames.getOrDefault(r.getDepotId(), "?")).setHeader("Depot").setAutoWidth(true);
        grid.addColumn(AlertRule::describe).setHeader("Rule").setFlexGrow(1);
        grid.addColumn(StatusBadge.renderer(r -> r.getSeverity().label(), r -> StatusBadge.Tone.INFO)).setHeader("Severity").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(r -> r.isActive() ? "Active" : "Paused", r -> r.isActive() ? StatusBadge.Tone.SUCCESS : StatusBadge.Tone.NEUTRAL))
                .setHeader("State").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Alert rules");
        grid.setSizeFull();
        grid.addItemClickListener(e -> form.edit(e.getItem()));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit && !depotList.isEmpty());
        add.addClickListener(e -> form.edit(new AlertRule(depotList.getFirst().getId(), AlertKind.OVERSPEED, 90.0, 30, null, AlertSeverity.MEDIUM)));
        add(new H1("Alert rules"), new Paragraph("Rules are checked on every position received; offline devices and due maintenance every minute."),
                add, grid);
        reload();
    }

    private void reload() {
        grid.setItems(alerts.rules());
    }

    static class RuleForm extends EditDialog<AlertRule> {
        final Select<AlertKind> kind = new Select<>();
        final ComboBox<Long> depotId = new ComboBox<>("Depot");
        final NumberField threshold = new NumberField("Threshold");
        final IntegerField minDurationSeconds = new IntegerField("Minimum duration (seconds)");
        final ComboBox<Long> geofenceId = new ComboBox<>("Geofence");
        final Select<AlertSeverity> severity = new Select<>();
        final Checkbox active = new Checkbox("Active");

        RuleForm(AlertService alerts, List<Depot> depots, SerializableConsumer<AlertRule> afterSave) {
            super("Alert rule", AlertRule.class, alerts::saveRule, afterSave);
            kind.setLabel("Watch for");
            kind.setItems(AlertKind.values());
            kind.setItemLabelGenerator(AlertKind::label);
            severity.setLabel("Severity");
            severity.setItems(AlertSeverity.values());
            severity.setItemLabelGenerator(AlertSeverity::label);
            Map<Long, String> names = depots.stream().collect(Collectors.toMap(Depot::getId, Depot::getName));
            depotId.setItems(names.keySet());
            depotId.setItemLabelGenerator(id -> names.getOrDefault(id, "?"));
            Map<Long, Geofence> fences;
            try {
                fences = alerts.geofences().stream().collect(Collectors.toMap(Geofence::getId, Function.identity()));
            } catch (org.springframework.security.access.AccessDeniedException e) {
                fences = Map.of();
            }
            Map<Long, Geofence> fenceMap = fences;
            geofenceId.setItems(fenceMap.keySet());
            geofenceId.setItemLabelGenerator(id -> fenceMap.containsKey(id) ? fenceMap.get(id).getName() : "?");
            geofenceId.setClearButtonVisible(true);
            kind.addValueChangeListener(e -> updateFields(e.getValue()));
            binder.bindInstanceFields(this);
            form.add(kind, depotId, threshold, minDurationSeconds, geofenceId, severity, active);
        }

        private void updateFields(AlertKind k) {
            if (k == null) {
                return;
            }
            threshold.setEnabled(k.needsThreshold());
            threshold.setHelperText(k.needsThreshold() ? "In " + k.unit() : "Not used for this rule");
            geofenceId.setEnabled(k.needsGeofence());
            minDurationSeconds.setEnabled(k.isCondition() && k != AlertKind.DEVICE_OFFLINE && k != AlertKind.MAINTENANCE_DUE);
        }
    }
}
