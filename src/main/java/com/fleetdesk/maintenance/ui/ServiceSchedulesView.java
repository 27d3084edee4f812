package com.fleetdesk.maintenance.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.maintenance.ServiceSchedule;
import com.fleetdesk.maintenance.ServiceScheduleService;
import com.fleetdesk.maintenance.ServiceSchedulesChanged;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Service schedules per vehicle type (and model): fleet managers and administrators edit them, technicians read them. */
@Route("maintenance/schedules")
@PageTitle("Service schedules · Fleetdesk")
@Menu(title = "Service schedules", order = 520, icon = "vaadin:calendar-clock")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.TECHNICIAN})
public class ServiceSchedulesView extends Main {

    final Grid<ServiceSchedule> grid = new Grid<>(ServiceSchedule.class, false);
    final Button add = new Button("New schedule", VaadinIcon.PLUS.create());
    final ScheduleForm form;
    private final ServiceScheduleService schedules;
    private final boolean canEdit = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER);

    public ServiceSchedulesView(ServiceScheduleService schedules, LiveEventBus live) {
        this.schedules = schedules;
        addClassNames("list-view");
        form = new ScheduleForm(schedules, saved -> {
            Feedback.saved("Schedule " + saved.getName() + " saved; next services re-planned");
            refresh();
        });
        grid.addColumn(ServiceSchedule::getName).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(ServiceSchedule::appliesToText).setHeader("Applies to").setKey("appliesTo").setAutoWidth(true);
        grid.addColumn(ServiceSchedule::intervalText).setHeader("Interval").setKey("interval").setAutoWidth(true);
        grid.addColumn(s -> String.join(", ", s.taskList())).setHeader("Tasks").setKey("tasks").setFlexGrow(2);
        grid.addColumn(s -> String.join(", ", s.typicalPartList())).setHeader("Typical parts").setKey("parts").setFlexGrow(1);
        grid.addColumn(StatusBadge.renderer(s -> s.isActive() ? "In use" : "Not in use",
                s -> s.isActive() ? StatusBadge.Tone.SUCCESS : StatusBadge.Tone.NEUTRAL)).setHeader("Status").setKey("status").setAutoWidth(true);
        if (canEdit) {
            grid.addComponentColumn(s -> {
                Button edit = new Button("Edit", e -> form.edit(s));
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                edit.setAriaLabel("Edit " + s.getName() + " for " + s.appliesToText());
                return edit;
            }).setHeader("Actions").setKey("edit").setAutoWidth(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Service schedules");
        grid.setEmptyStateText("No service schedules yet.");
        grid.setSizeFull();

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        add.addClickListener(e -> form.edit(new ServiceSchedule()));
        FlexLayout actions = new FlexLayout(add);
        actions.addClassNames("filter-bar");
        add(new H1("Service schedules"), actions, grid);
        refresh();
        live.subscribe(this, ServiceSchedulesChanged.class, e -> refresh());
    }

    private void refresh() {
        grid.setItems(schedules.list());
    }
}
