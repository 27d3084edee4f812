package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.inventory.CycleCountService;
import com.fleetdesk.inventory.CycleCountSheet;
import com.fleetdesk.inventory.CycleCountStatus;
import com.fleetdesk.inventory.InventoryChanged;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One count sheet, sorted by bin: counted quantities are typed in (saved as each field is left),
 * variances show against the snapshot; submit, then someone else approves.
 */
@Route("inventory/cycle-count")
@PageTitle("Cycle count · Fleetdesk")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.FLEET_MANAGER})
public class CycleCountView extends Main implements HasUrlParameter<Long> {

    final H1 title = new H1();
    final Div summary = new Div();
    final FlexLayout actions = new FlexLayout();
    final Paragraph problem = new Paragraph();
    final Grid<CycleCountSheet.Line> lines = new Grid<>(CycleCountSheet.Line.class, false);
    private final CycleCountService counts;
    private long countId;
    private CycleCountSheet sheet;

    public CycleCountView(CycleCountService counts, LiveEventBus live) {
        this.counts = counts;
        addClassNames("list-view");
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        actions.addClassName("filter-bar");
        lines.addColumn(l -> l.bin() == null ? "" : l.bin()).setHeader("Bin").setAutoWidth(true);
        lines.addColumn(CycleCountSheet.Line::partNumber).setHeader("Part number").setAutoWidth(true);
        lines.addColumn(CycleCountSheet.Line::partName).setHeader("Name").setFlexGrow(1);
        lines.addColumn(l -> l.lotNumber() == null ? "" : l.lotNumber()).setHeader("Lot").setAutoWidth(true);
        lines.addColumn(l -> StockView.quantity(l.expected(), l.unit())).setHeader("Expected").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addComponentColumn(this::countedCell).setHeader("Counted").setKey("counted").setAutoWidth(true);
        lines.addColumn(l -> l.variance() == null ? "" : (l.variance().signum() > 0 ? "+" : "") + StockView.quantity(l.variance(), l.unit()))
                .setHeader("Variance").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addColumn(l -> l.posted() == null ? "" : StockView.quantity(l.posted(), l.unit())).setHeader("Booked").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        lines.setAriaLabel("Count lines");
        lines.setEmptyStateText("Nothing to count on this sheet.");
        lines.setSizeFull();
        add(new RouterLink("Back to cycle counts", CycleCountsView.class), title, summary, actions, problem,
                new Paragraph("Variances are counted minus the quantity on hand when the sheet was made; stock that moves meanwhile "
                        + "is booked separately, so approving applies only the variance to today's quantity."), lines);
        live.subscribe(this, InventoryChanged.class, e -> {
            if (e.kind() == InventoryChanged.Kind.CYCLE_COUNT && e.id() == countId && sheet != null && !e.status().equals(sheet.status().name())) {
                reload();
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        countId = parameter;
        reload();
    }

    void reload() {
        try {
            sheet = counts.sheet(countId);
        } catch (InvalidInputException e) {
            sheet = null;
        }
        summary.removeAll();
        actions.removeAll();
        if (sheet == null) {
            title.setText("Cycle count not found");
            lines.setItems();
            return;
        }
        title.setText(sheet.number());
        summary.add(InventoryBadges.fact("Status", InventoryBadges.count(sheet.status())), InventoryBadges.fact("Location", sheet.locationName()),
                InventoryBadges.fact("Category", sheet.categoryPath() == null ? "All parts" : sheet.categoryPath()),
                InventoryBadges.fact("Started by", sheet.createdBy()), InventoryBadges.fact("Submitted by", sheet.submittedBy()),
                InventoryBadges.fact("Approved by", sheet.approvedBy()));
        summary.addClassName("fact-list");
        lines.setItems(sheet.lines());
        boolean warehouse = CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE);
        if (warehouse && sheet.status() == CycleCountStatus.OPEN) {
            actions.add(action("Submit for approval", () -> counts.submit(countId), true));
        }
        if (sheet.mayApprove()) {
            actions.add(action("Approve and book variances", () -> counts.approve(countId), true));
        }
        if ((sheet.status() == CycleCountStatus.OPEN || sheet.status() == CycleCountStatus.SUBMITTED) && (warehouse || sheet.mayApprove())) {
            Button cancel = action("Cancel count", () -> counts.cancel(countId), false);
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
    }

    private Component countedCell(CycleCountSheet.Line line) {
        if (sheet == null || sheet.status() != CycleCountStatus.OPEN || !CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE)) {
            return new Span(line.counted() == null ? "—" : StockView.quantity(line.counted(), line.unit()));
        }
        BigDecimalField field = new BigDecimalField();
        field.setAriaLabel("Counted " + line.partNumber() + (line.lotNumber() == null ? "" : " lot " + line.lotNumber()));
        field.setValue(line.counted());
        field.setWidth("8rem");
        field.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        field.addValueChangeListener(e -> {
            if (!e.isFromClient() || Objects.equals(e.getValue(), e.getOldValue())) {
                return;
            }
            try {
                counts.enterCount(countId, line.id(), e.getValue());
                field.setInvalid(false);
                problem.setVisible(false);
                sheet = counts.sheet(countId);
                lines.setItems(sheet.lines());
            } catch (InvalidInputException ex) {
                field.setErrorMessage(ex.getMessage());
                field.setInvalid(true);
                problem.setText(line.partNumber() + ": " + ex.getMessage());
                problem.setVisible(true);
            }
        });
        return field;
    }

    /** For tests and keyboard users alike: enters a count for a line by its part number. */
    void enter(String partNumber, BigDecimal counted) {
        CycleCountSheet.Line line = sheet.lines().stream().filter(l -> l.partNumber().equals(partNumber)).findFirst().orElseThrow();
        counts.enterCount(countId, line.id(), counted);
        reload();
    }

    private Button action(String text, Runnable action, boolean primary) {
        Button button = new Button(text);
        if (primary) {
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        button.addClickListener(e -> {
            problem.setVisible(false);
            try {
                action.run();
                Feedback.saved(sheet.number() + ": " + text.toLowerCase() + " done");
                reload();
            } catch (InvalidInputException ex) {
                problem.setText(ex.getMessage());
                problem.setVisible(true);
            } catch (AccessDeniedException ex) {
                problem.setText("You are not allowed to do this: " + ex.getMessage());
                problem.setVisible(true);
            }
        });
        return button;
    }
}
