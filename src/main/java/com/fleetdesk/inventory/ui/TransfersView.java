package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.inventory.InventoryChanged;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.TransferRow;
import com.fleetdesk.inventory.TransferService;
import com.fleetdesk.inventory.TransferStatus;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;

/** Transfers between locations: request, ship (stock leaves), receive (stock arrives) or cancel. */
@Route("inventory/transfers")
@PageTitle("Transfers · Fleetdesk")
@Menu(title = "Transfers", order = 403, icon = "vaadin:exchange")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.FLEET_MANAGER})
public class TransfersView extends Main {

    final Grid<TransferRow> grid = new Grid<>(TransferRow.class, false);
    final ComboBox<TransferStatus> status = new ComboBox<>("Status");
    final ComboBox<StockLocationInfo> location = new ComboBox<>("Location");
    final Button request = new Button("Request transfer", VaadinIcon.PLUS.create());
    final Button ship = new Button("Ship", VaadinIcon.TRUCK.create());
    final Button receive = new Button("Receive", VaadinIcon.CHECK.create());
    final Button cancel = new Button("Cancel transfer", VaadinIcon.CLOSE_SMALL.create());
    final RequestDialog dialog;
    private final TransferService transfers;

    public TransfersView(TransferService transfers, StockService stock, LiveEventBus live) {
        this.transfers = transfers;
        addClassNames("list-view");
        status.setItems(TransferStatus.values());
        status.setItemLabelGenerator(TransferStatus::label);
        status.setClearButtonVisible(true);
        location.setItems(stock.locations());
        location.setItemLabelGenerator(StockLocationInfo::name);
        location.setClearButtonVisible(true);
        location.setHelperText("From or to");

        grid.addColumn(TransferRow::number).setHeader("Transfer").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(TransferRow::status, TransferStatus::label, InventoryBadges::tone)).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> r.partNumber() + " · " + r.partName()).setHeader("Part").setFlexGrow(1);
        grid.addColumn(r -> StockView.quantity(r.quantity(), r.unit())).setHeader("Quantity").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(TransferRow::fromLocation).setHeader("From").setAutoWidth(true);
        grid.addColumn(TransferRow::toLocation).setHeader("To").setAutoWidth(true);
        grid.addColumn(r -> PurchaseOrdersView.WHEN.format(r.createdAt())).setHeader("Requested").setAutoWidth(true);
        grid.addColumn(r -> r.note() == null ? "" : r.note()).setHeader("Note").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Transfers");
        grid.setEmptyStateText("No transfers match these filters.");
        grid.setSizeFull();
        grid.setItems(q -> transfers.list(status.getValue(), location.getValue() == null ? null : location.getValue().id(),
                q.getOffset(), Math.min(q.getLimit(), 1000)).stream());
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        location.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        grid.addSelectionListener(e -> selectionChanged());

        dialog = new RequestDialog(transfers, stock);
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        request.addClickListener(e -> dialog.openEmpty());
        ship.addClickListener(e -> act(r -> transfers.ship(r.id()), "shipped"));
        receive.addClickListener(e -> act(r -> transfers.receive(r.id()), "received"));
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.addClickListener(e -> act(r -> transfers.cancel(r.id()), "cancelled"));
        boolean warehouse = CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE);
        for (Button b : List.of(request, ship, receive, cancel)) {
            b.setVisible(warehouse);
        }
        selectionChanged();

        FlexLayout filters = new FlexLayout(status, location);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        FlexLayout buttons = new FlexLayout(request, ship, receive, cancel);
        buttons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        buttons.addClassNames("filter-bar");
        add(new H1("Transfers"), filters, buttons, grid);
        live.subscribe(this, InventoryChanged.class, e -> {
            if (e.kind() == InventoryChanged.Kind.TRANSFER) {
                grid.getDataProvider().refreshAll();
            }
        });
    }

    private void selectionChanged() {
        TransferRow r = grid.asSingleSelect().getValue();
        ship.setEnabled(r != null && r.status() == TransferStatus.REQUESTED);
        receive.setEnabled(r != null && r.status() == TransferStatus.IN_TRANSIT);
        cancel.setEnabled(r != null && r.status() == TransferStatus.REQUESTED);
    }

    void act(java.util.function.Consumer<TransferRow> action, String done) {
        TransferRow r = grid.asSingleSelect().getValue();
        if (r == null) {
            return;
        }
        try {
            action.accept(r);
            Feedback.saved(r.number() + " " + done);
        } catch (InvalidInputException e) {
            Feedback.error(e.getMessage());
        } catch (AccessDeniedException e) {
            Feedback.error("You are not allowed to do this: " + e.getMessage());
        }
        grid.asSingleSelect().clear();
        grid.getDataProvider().refreshAll();
    }

    /** Part, from, to, quantity and a note. */
    static class RequestDialog extends Dialog {
        final ComboBox<PartInfo> part = new ComboBox<>("Part");
        final ComboBox<StockLocationInfo> from = new ComboBox<>("From location");
        final ComboBox<StockLocationInfo> to = new ComboBox<>("To location");
        final BigDecimalField quantity = new BigDecimalField("Quantity");
        final TextField note = new TextField("Note");
        final Paragraph problem = new Paragraph();
        final Button save = new Button("Request");
        private final TransferService transfers;

        RequestDialog(TransferService transfers, StockService stock) {
            this.transfers = transfers;
            setHeaderTitle("Request transfer");
            setModal(true);
            setCloseOnEsc(true);
            setWidth("min(40rem, 100vw)");
            part.setItems(q -> stock.parts(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
            part.setItemLabelGenerator(PartInfo::label);
            part.setRequired(true);
            List<StockLocationInfo> locations = stock.locations();
            from.setItems(locations);
            from.setItemLabelGenerator(StockLocationInfo::name);
            from.setRequired(true);
            to.setItems(locations);
            to.setItemLabelGenerator(StockLocationInfo::name);
            to.setRequired(true);
            quantity.setRequiredIndicatorVisible(true);
            note.setMaxLength(500);
            problem.addClassName("form-problem");
            problem.getElement().setAttribute("role", "alert");
            problem.setVisible(false);
            FormLayout form = new FormLayout(part, from, to, quantity, note);
            form.setColspan(part, 2);
            add(problem, form);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            getFooter().add(new Button("Cancel", e -> close()), save);
        }

        void openEmpty() {
            problem.setVisible(false);
            for (HasValidation f : List.<HasValidation>of(part, from, to, quantity)) {
                f.setInvalid(false);
            }
            quantity.clear();
            note.clear();
            open();
        }

        void save() {
            problem.setVisible(false);
            if (part.isEmpty() || from.isEmpty() || to.isEmpty()) {
                show(part.isEmpty() ? part : from.isEmpty() ? from : to, "Choose the part and both locations.");
                return;
            }
            try {
                long id = transfers.request(part.getValue().id(), from.getValue().id(), to.getValue().id(), quantity.getValue(), note.getValue());
                close();
                Feedback.saved("Transfer TR-" + id + " requested");
            } catch (InvalidInputException e) {
                HasValidation target = switch (e.field().orElse("")) {
                    case "quantity" -> quantity;
                    case "toLocation" -> to;
                    case "fromLocation" -> from;
                    case "part" -> part;
                    default -> null;
                };
                show(target, e.getMessage());
            }
        }

        private void show(HasValidation field, String message) {
            if (field != null) {
                field.setErrorMessage(message);
                field.setInvalid(true);
            }
            problem.setText(message);
            problem.setVisible(true);
        }
    }
}
