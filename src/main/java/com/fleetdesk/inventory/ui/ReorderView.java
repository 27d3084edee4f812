package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.inventory.DemandForecast;
import com.fleetdesk.inventory.ReorderPlanner;
import com.fleetdesk.inventory.ReorderSuggestion;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Demand forecast per part and location with a band, and what to reorder: select suggestions and
 * turn them into draft purchase orders (one per supplier and location) in one click.
 */
@Route("inventory/reorder")
@PageTitle("Forecast and reorder · Fleetdesk")
@Menu(title = "Forecast and reorder", order = 405, icon = "vaadin:trending-up")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.FLEET_MANAGER})
public class ReorderView extends Main {

    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location");
    final IntegerField horizon = new IntegerField("Horizon (days)");
    final Checkbox onlyNeeded = new Checkbox("Only parts that need ordering", true);
    final Grid<ReorderSuggestion> grid = new Grid<>(ReorderSuggestion.class, false);
    final Button createOrders = new Button("Create draft orders", VaadinIcon.CART.create());
    final Paragraph problem = new Paragraph();
    private final ReorderPlanner planner;

    public ReorderView(ReorderPlanner planner, StockService stock) {
        this.planner = planner;
        addClassNames("list-view");
        List<StockLocationInfo> locations = stock.locations();
        location.setItems(locations);
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.setClearButtonVisible(true);
        location.setHelperText("Empty: all locations");
        horizon.setMin(7);
        horizon.setMax(30);
        horizon.setStepButtonsVisible(true);
        horizon.setValue(14);
        horizon.setHelperText("7 to 30");
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);

        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(StatusBadge.renderer(
                s -> s.needsOrder() ? "Order" : s.supplierId() == null && s.suggestedQuantity().signum() > 0 ? "No supplier" : "Enough",
                s -> s.needsOrder() ? StatusBadge.Tone.WARNING : StatusBadge.Tone.SUCCESS))
                .setHeader("Advice").setAutoWidth(true);
        grid.addColumn(ReorderSuggestion::partNumber).setHeader("Part number").setAutoWidth(true);
        grid.addColumn(ReorderSuggestion::partName).setHeader("Name").setFlexGrow(1);
        grid.addColumn(ReorderSuggestion::locationName).setHeader("Location").setAutoWidth(true);
        grid.addColumn(s -> StockView.quantity(s.available(), s.unit())).setHeader("Available").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(s -> StockView.quantity(s.onOrder(), s.unit())).setHeader("On order").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(s -> String.format(Locale.UK, "%.1f (%.1f–%.1f)", s.demandOverHorizon(), s.demandLow(), s.demandHigh()))
                .setHeader("Forecast demand (band)").setKey("forecast").setAutoWidth(true);
        grid.addColumn(s -> s.leadTimeDays() + " d").setHeader("Lead time").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(s -> String.format(Locale.UK, "%.1f", s.projected())).setHeader("Projected at arrival").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(s -> StockView.quantity(s.reorderPoint(), s.unit())).setHeader("Reorder point").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(s -> StockView.quantity(s.suggestedQuantity(), s.unit())).setHeader("Suggested").setKey("suggested").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(s -> s.supplierName() == null ? "—" : s.supplierName()).setHeader("Supplier").setAutoWidth(true);
        grid.addComponentColumn(s -> {
            Button daily = new Button("Daily", VaadinIcon.LINE_CHART.create(), e -> showDaily(s));
            daily.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            daily.setAriaLabel("Daily forecast of " + s.partNumber() + " at " + s.locationName());
            return daily;
        }).setHeader("Forecast").setKey("daily").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Reorder suggestions");
        grid.setEmptyStateText("Nothing needs ordering for this horizon.");
        grid.setSizeFull();

        location.addValueChangeListener(e -> refresh());
        horizon.addValueChangeListener(e -> refresh());
        onlyNeeded.addValueChangeListener(e -> refresh());
        createOrders.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createOrders.setVisible(CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE));
        createOrders.addClickListener(e -> createOrders());

        FlexLayout filters = new FlexLayout(location, horizon, onlyNeeded, createOrders);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        add(new H1("Forecast and reorder"), new Paragraph("Demand is forecast from the last 90 days of issues (Holt's exponential smoothing "
                + "with trend; the band is ±1.96 residual standard deviations). A part needs ordering when available plus on-order stock, "
                + "minus the demand over the supplier's lead time, falls below the reorder point; the suggestion fills up to the maximum level."),
                filters, problem, grid);
        refresh();
    }

    void refresh() {
        problem.setVisible(false);
        Integer days = horizon.getValue();
        if (days == null || days < 7 || days > 30) {
            horizon.setErrorMessage("Forecast 7 to 30 days ahead.");
            horizon.setInvalid(true);
            return;
        }
        horizon.setInvalid(false);
        List<ReorderSuggestion> suggestions = planner.suggestions(location.getValue() == null ? null : location.getValue().id(), days,
                onlyNeeded.getValue());
        grid.setItems(suggestions);
        suggestions.stream().filter(ReorderSuggestion::needsOrder).forEach(grid::select);
    }

    /** The last two weeks of issues and the forecast day by day with its band. */
    void showDaily(ReorderSuggestion s) {
        int days = horizon.getValue() == null ? 14 : horizon.getValue();
        double[] history = planner.history(s.partId(), s.locationId());
        DemandForecast forecast = planner.forecast(s.partId(), s.locationId(), days);
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Daily forecast: " + s.partNumber() + " at " + s.locationName());
        dialog.setWidth("min(40rem, 100vw)");
        StringBuilder recent = new StringBuilder();
        for (int i = Math.max(0, history.length - 14); i < history.length; i++) {
            recent.append(recent.isEmpty() ? "" : ", ").append(String.format(Locale.UK, "%.0f", history[i]));
        }
        Grid<DemandForecast.Day> table = new Grid<>(DemandForecast.Day.class, false);
        table.addColumn(d -> LocalDate.now().plusDays(d.ahead()).format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK))).setHeader("Day").setAutoWidth(true);
        table.addColumn(d -> String.format(Locale.UK, "%.1f", d.expected())).setHeader("Expected").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        table.addColumn(d -> String.format(Locale.UK, "%.1f – %.1f", d.lower(), d.upper())).setHeader("Band (95 %)").setAutoWidth(true);
        table.setItems(forecast.days());
        table.setAllRowsVisible(true);
        table.setAriaLabel("Daily forecast");
        dialog.add(new Paragraph("Issued in the last 14 days (oldest first): " + recent + ". Trend "
                + String.format(Locale.UK, "%+.2f", forecast.trend()) + " a day; residual standard deviation "
                + String.format(Locale.UK, "%.2f", forecast.sigma()) + "."), table);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setCloseOnEsc(true);
        dialog.open();
    }

    void createOrders() {
        List<ReorderSuggestion> chosen = new ArrayList<>(grid.getSelectedItems());
        try {
            List<Long> ids = planner.createDraftOrders(chosen);
            Feedback.saved(ids.size() + " draft purchase order" + (ids.size() == 1 ? "" : "s") + " created: "
                    + String.join(", ", ids.stream().map(id -> "PO-" + id).toList()));
            refresh();
        } catch (InvalidInputException e) {
            problem.setText(e.getMessage());
            problem.setVisible(true);
        }
    }
}
