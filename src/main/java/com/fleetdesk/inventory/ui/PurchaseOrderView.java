package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.inventory.InventoryChanged;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.PurchaseOrderDetails;
import com.fleetdesk.inventory.PurchaseOrderService;
import com.fleetdesk.inventory.PurchaseOrderStatus;
import com.fleetdesk.inventory.StockService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.List;

/** One purchase order: its lines (editable while a draft), its life-cycle actions and receiving. */
@Route("inventory/purchase-order")
@PageTitle("Purchase order · Fleetdesk")
@RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE, Roles.FLEET_MANAGER})
public class PurchaseOrderView extends Main implements HasUrlParameter<Long> {

    final H1 title = new H1();
    final Div summary = new Div();
    final FlexLayout actions = new FlexLayout();
    final Paragraph problem = new Paragraph();
    final Grid<PurchaseOrderDetails.Line> lines = new Grid<>(PurchaseOrderDetails.Line.class, false);
    final ComboBox<PartInfo> part = new ComboBox<>("Part");
    final BigDecimalField quantity = new BigDecimalField("Quantity");
    final BigDecimalField price = new BigDecimalField("Unit price (£)");
    final Button addLine = new Button("Add line", VaadinIcon.PLUS.create());
    final FlexLayout lineForm = new FlexLayout(part, quantity, price, addLine);
    final H2 receiveTitle = new H2("Receive goods");
    final Div receiveForm = new Div();
    final Button bookReceipt = new Button("Book receipt", VaadinIcon.TRUCK.create());
    final List<ReceiptRow> receiptRows = new ArrayList<>();

    private final PurchaseOrderService orders;
    private long orderId;
    private PurchaseOrderDetails details;

    /** The inputs for one line with goods still outstanding. */
    record ReceiptRow(PurchaseOrderDetails.Line line, BigDecimalField quantity, TextField lot, DatePicker expiry) {
    }

    public PurchaseOrderView(PurchaseOrderService orders, StockService stock, LiveEventBus live) {
        this.orders = orders;
        addClassNames("list-view");
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);

        lines.addColumn(PurchaseOrderDetails.Line::partNumber).setHeader("Part number").setAutoWidth(true);
        lines.addColumn(PurchaseOrderDetails.Line::partName).setHeader("Name").setFlexGrow(1);
        lines.addColumn(l -> StockView.quantity(l.quantity(), l.unit())).setHeader("Ordered").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addColumn(l -> InventoryBadges.money(l.unitPrice())).setHeader("Unit price").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addColumn(l -> InventoryBadges.money(l.quantity().multiply(l.unitPrice()))).setHeader("Line total").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addColumn(l -> StockView.quantity(l.received(), l.unit())).setHeader("Received").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addColumn(l -> StockView.quantity(l.outstanding(), l.unit())).setHeader("Outstanding").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        lines.addComponentColumn(this::removeButton).setHeader("Actions").setKey("actions").setAutoWidth(true);
        lines.setAllRowsVisible(true);
        lines.setAriaLabel("Order lines");
        lines.setEmptyStateText("No lines yet: add the parts to order.");

        part.setItems(q -> stock.parts(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        part.setItemLabelGenerator(PartInfo::label);
        part.setHelperText("Type a part number, name or barcode");
        part.setMinWidth("22rem");
        price.setHelperText("Empty: the supplier's price");
        addLine.addClickListener(e -> addLine());
        lineForm.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        lineForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        lineForm.addClassName("filter-bar");
        actions.addClassName("filter-bar");
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        bookReceipt.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        bookReceipt.addClickListener(e -> bookReceipt());

        add(new RouterLink("Back to purchase orders", PurchaseOrdersView.class), title, summary, actions, problem,
                new H2("Lines"), lines, lineForm, receiveTitle, receiveForm);
        live.subscribe(this, InventoryChanged.class, e -> {
            if (e.kind() == InventoryChanged.Kind.PURCHASE_ORDER && e.id() == orderId) {
                reload();
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        orderId = parameter;
        reload();
    }

    void reload() {
        try {
            details = orders.details(orderId);
        } catch (InvalidInputException e) {
            details = null;
        }
        summary.removeAll();
        actions.removeAll();
        receiveForm.removeAll();
        receiptRows.clear();
        if (details == null) {
            title.setText("Purchase order not found");
            lines.setItems(List.of());
            lineForm.setVisible(false);
            receiveTitle.setVisible(false);
            return;
        }
        PurchaseOrderDetails d = details;
        title.setText(d.number());
        summary.add(InventoryBadges.fact("Status", InventoryBadges.order(d.status())), InventoryBadges.fact("Supplier", d.supplierName()),
                InventoryBadges.fact("Deliver to", d.locationName()), InventoryBadges.fact("Total", InventoryBadges.money(d.total())),
                InventoryBadges.fact("Submitted by", d.submittedBy()), InventoryBadges.fact("Approved by", d.approvedBy()),
                InventoryBadges.fact("Note", d.note()));
        summary.addClassName("fact-list");
        lines.setItems(d.lines());
        boolean warehouse = CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE);
        lines.getColumnByKey("actions").setVisible(d.editable() && warehouse);
        lineForm.setVisible(d.editable() && warehouse);
        if (warehouse && d.status() == PurchaseOrderStatus.DRAFT) {
            actions.add(action("Submit for approval", () -> orders.submit(orderId), true));
        }
        if (d.mayApprove()) {
            actions.add(action("Approve", () -> orders.approve(orderId), true));
        }
        if (warehouse && d.status() == PurchaseOrderStatus.APPROVED) {
            actions.add(action("Mark as ordered", () -> orders.markOrdered(orderId), true));
        }
        boolean cancellable = d.status() == PurchaseOrderStatus.DRAFT || d.status() == PurchaseOrderStatus.SUBMITTED
                || d.status() == PurchaseOrderStatus.APPROVED || d.status() == PurchaseOrderStatus.ORDERED;
        if (cancellable && (warehouse || d.mayApprove())) {
            Button cancel = action("Cancel order", () -> orders.cancel(orderId), false);
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
        boolean receiving = warehouse && (d.status() == PurchaseOrderStatus.ORDERED || d.status() == PurchaseOrderStatus.PARTIALLY_RECEIVED);
        receiveTitle.setVisible(receiving);
        receiveForm.setVisible(receiving);
        if (receiving) {
            for (PurchaseOrderDetails.Line line : d.lines()) {
                if (line.outstanding().signum() <= 0) {
                    continue;
                }
                BigDecimalField qty = new BigDecimalField("Arrived: " + line.partNumber());
                qty.setHelperText(StockView.quantity(line.outstanding(), line.unit()) + " outstanding");
                TextField lot = new TextField("Lot number");
                DatePicker expiry = new DatePicker("Expiry date");
                lot.setVisible(line.lotTracked());
                expiry.setVisible(line.lotTracked());
                lot.setMaxLength(60);
                FlexLayout row = new FlexLayout(qty, lot, expiry);
                row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
                row.addClassName("filter-bar");
                receiveForm.add(row);
                receiptRows.add(new ReceiptRow(line, qty, lot, expiry));
            }
            receiveForm.add(bookReceipt);
        }
    }

    private Button removeButton(PurchaseOrderDetails.Line line) {
        Button remove = new Button(VaadinIcon.TRASH.create());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove " + line.partNumber());
        remove.addClickListener(e -> run(() -> orders.removeLine(orderId, details.version(), line.id()), "Line removed"));
        return remove;
    }

    private Button action(String text, Runnable action, boolean primary) {
        Button button = new Button(text);
        if (primary) {
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        button.addClickListener(e -> run(action, details.number() + ": " + text.toLowerCase() + " done"));
        return button;
    }

    void addLine() {
        if (part.isEmpty()) {
            part.setInvalid(true);
            part.setErrorMessage("Choose the part to order.");
            return;
        }
        boolean ok = run(() -> orders.addLine(orderId, details.version(), part.getValue().id(), quantity.getValue(), price.getValue()),
                part.getValue().partNumber() + " added");
        if (ok) {
            part.clear();
            quantity.clear();
            price.clear();
        }
    }

    void bookReceipt() {
        List<PurchaseOrderService.Arrival> arrivals = new ArrayList<>();
        for (ReceiptRow r : receiptRows) {
            if (r.quantity().getValue() != null) {
                arrivals.add(new PurchaseOrderService.Arrival(r.line().id(), r.quantity().getValue(), r.lot().getValue(), r.expiry().getValue()));
            }
        }
        run(() -> orders.receive(orderId, arrivals), "Receipt booked on " + details.number());
    }

    /** Runs a service call; shows the refusal at the top (and on the field it concerns), or reloads. */
    private boolean run(Runnable call, String done) {
        problem.setVisible(false);
        quantity.setInvalid(false);
        try {
            call.run();
            Feedback.saved(done);
            reload();
            return true;
        } catch (InvalidInputException e) {
            problem.setText(e.getMessage());
            problem.setVisible(true);
            if ("quantity".equals(e.field().orElse(null)) && lineForm.isVisible()) {
                quantity.setErrorMessage(e.getMessage());
                quantity.setInvalid(true);
            }
        } catch (ChangedBySomeoneElseException e) {
            problem.setText(e.getMessage());
            problem.setVisible(true);
            reload();
        } catch (AccessDeniedException e) {
            problem.setText("You are not allowed to do this: " + e.getMessage());
            problem.setVisible(true);
        }
        return false;
    }
}
