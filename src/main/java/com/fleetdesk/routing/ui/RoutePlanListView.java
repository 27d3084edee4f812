package com.fleetdesk.routing.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.routing.PlanSummary;
import com.fleetdesk.routing.RoutePlan;
import com.fleetdesk.routing.RoutePlanChanged;
import com.fleetdesk.routing.RoutePlanService;
import com.fleetdesk.routing.RoutePlanStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The route plans of the user's depots; opens one, or starts a new one. */
@Route("routing/plans")
@PageTitle("Route plans · Fleetdesk")
@Menu(title = "Route plans", order = 250, icon = "vaadin:road-branches")
@RolesAllowed({Roles.ADMIN, Roles.DISPATCHER, Roles.FLEET_MANAGER})
public class RoutePlanListView extends Main {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);

    final Grid<PlanSummary> grid = new Grid<>(PlanSummary.class, false);
    final Button create = new Button("New plan", VaadinIcon.PLUS.create());
    final Dialog dialog = new Dialog();
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final TextField name = new TextField("Name");
    final DatePicker date = new DatePicker("Day");
    final Button save = new Button("Create plan");
    private final RoutePlanService service;

    public RoutePlanListView(RoutePlanService service, LiveEventBus live) {
        this.service = service;
        addClassNames("list-view");
        grid.addColumn(PlanSummary::name).setHeader("Plan").setKey("name").setFlexGrow(1);
        grid.addColumn(PlanSummary::depotName).setHeader("Depot").setKey("depot").setAutoWidth(true);
        grid.addColumn(p -> DAY.format(p.date())).setHeader("Day").setKey("date").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(PlanSummary::status, RoutePlanStatus::label, PlanBadges::tone)).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(PlanSummary::stops).setHeader("Stops").setKey("stops").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(PlanSummary::vehicles).setHeader("Vehicles").setKey("vehicles").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(p -> p.distanceKm() == null ? "" : p.distanceKm().toPlainString() + " km").setHeader("Distance")
                .setKey("distance").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Route plans");
        grid.setEmptyStateText("No route plans yet: start one with New plan.");
        grid.setSizeFull();
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::open));

        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> openDialog());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setRequired(true);
        name.setRequired(true);
        name.setMaxLength(120);
        date.setRequired(true);
        date.setLocale(Locale.UK);
        FormLayout form = new FormLayout(depot, name, date);
        dialog.setHeaderTitle("New route plan");
        dialog.add(form);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> createPlan());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);

        FlexLayout actions = new FlexLayout(create);
        actions.addClassNames("filter-bar");
        add(new H1("Route plans"), actions, grid, dialog);
        refresh();
        live.subscribe(this, RoutePlanChanged.class, e -> refresh());
    }

    void refresh() {
        grid.setItems(service.plans());
    }

    void openDialog() {
        depot.setItems(service.plannableDepots());
        if (depot.getValue() == null) {
            service.plannableDepots().stream().findFirst().ifPresent(depot::setValue);
        }
        name.clear();
        name.setInvalid(false);
        date.setValue(LocalDate.now().plusDays(1));
        dialog.open();
    }

    void createPlan() {
        try {
            RoutePlan plan = service.create(depot.getValue() == null ? null : depot.getValue().getId(), name.getValue(), date.getValue());
            dialog.close();
            Feedback.saved("Plan created with " + plan.getVehicles().size() + " vehicles of the depot");
            getUI().ifPresent(ui -> ui.navigate(RoutePlanView.class, plan.getId()));
        } catch (InvalidInputException e) {
            switch (e.field().orElse("")) {
                case "name" -> {
                    name.setErrorMessage(e.getMessage());
                    name.setInvalid(true);
                }
                case "date" -> {
                    date.setErrorMessage(e.getMessage());
                    date.setInvalid(true);
                }
                case "depot" -> {
                    depot.setErrorMessage(e.getMessage());
                    depot.setInvalid(true);
                }
                default -> Feedback.error(e.getMessage());
            }
        }
    }

    private void open(PlanSummary plan) {
        getUI().ifPresent(ui -> ui.navigate(RoutePlanView.class, plan.id()));
    }
}
