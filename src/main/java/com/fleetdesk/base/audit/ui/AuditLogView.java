package com.fleetdesk.base.audit.ui;

import com.fleetdesk.base.audit.AuditAction;
import com.fleetdesk.base.audit.AuditEntry;
import com.fleetdesk.base.audit.AuditFilter;
import com.fleetdesk.base.audit.AuditTrail;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.AdministrationMenu;
import com.fleetdesk.base.ui.SearchField;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Every recorded change, newest first: who changed which record, when, from what to what. */
@Route("admin/audit")
@PageTitle("Audit log · Fleetdesk")
@Menu(title = "Audit log", order = 910, icon = "vaadin:records")
@AdministrationMenu
@RolesAllowed(Roles.ADMIN)
public class AuditLogView extends Main {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);

    final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    final ComboBox<String> recordType = new ComboBox<>("Record type");
    final SearchField recordId = new SearchField("Record id", "e.g. 42");
    final SearchField user = new SearchField("User", "Username");
    final ComboBox<AuditAction> action = new ComboBox<>("Change");
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    private final AuditTrail audit;

    public AuditLogView(AuditTrail audit, @Value("${fleetdesk.zone:Europe/London}") String zoneId) {
        this.audit = audit;
        addClassNames("list-view");
        ZoneId zone = ZoneId.of(zoneId);

        recordType.setItems(audit.entityTypes());
        recordType.setClearButtonVisible(true);
        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(AuditAction::label);
        action.setClearButtonVisible(true);
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        recordType.addValueChangeListener(e -> refresh());
        recordId.addValueChangeListener(e -> refresh());
        user.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());

        grid.addColumn(e -> WHEN.format(e.occurredAt().atZone(zone))).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::username).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.action().label()).setHeader("Change").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.entityType() + (e.entityId() == null ? "" : " #" + e.entityId())).setHeader("Record").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::summary).setHeader("Before → after").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Audit log");
        grid.setEmptyStateText("No recorded changes match these filters.");
        grid.setSizeFull();

        FlexLayout filters = new FlexLayout(recordType, recordId, user, action, from, to);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
                add(new H1("Audit log"),
                new Paragraph("Every change to a record, with who made it, when, and the values before and after. Entries cannot be edited or deleted."),
                filters, grid);
        refresh();
    }

    private void refresh() {
        AuditFilter filter = new AuditFilter(recordType.getValue(), recordId.getValue(), user.getValue(), action.getValue(),
                from.getValue(), to.getValue());
        grid.setItems(q -> audit.page(filter, q.getOffset(), q.getLimit()).stream(), q -> (int) audit.count(filter));
    }
}
