package com.fleetdesk.telematics.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.telematics.AlertChanged;
import com.fleetdesk.telematics.AlertFilter;
import com.fleetdesk.telematics.AlertService;
import com.fleetdesk.telematics.AlertSeverity;
import com.fleetdesk.telematics.AlertStatus;
import com.fleetdesk.telematics.VehicleAlert;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Set;

/** Vehicle alerts of the caller's depots, newest first, updated live; acknowledge and resolve in place. */
@Route("alerts")
@PageTitle("Alerts · Fleetdesk")
@Menu(title = "Alerts", order = 210, icon = "vaadin:warning")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER, Roles.TECHNICIAN, Roles.SUPPORT_AGENT})
public class AlertListView extends Main implements BeforeEnterObserver {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    final Grid<VehicleAlert> grid = new Grid<>(VehicleAlert.class, false);
    final MultiSelectComboBox<AlertStatus> status = new MultiSelectComboBox<>("Status");
    final ComboBox<AlertSeverity> severity = new ComboBox<>("Severity");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    private final AlertService alerts;
    private final boolean canHandle;
    private AlertFilter filter = AlertFilter.unresolved();

    public AlertListView(AlertService alerts, DepotService depots, LiveEventBus live) {
        this.alerts = alerts;
        this.canHandle = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER, Role.DISPATCHER, Role.TECHNICIAN);
        addClassNames("list-view");
        status.setItems(AlertStatus.values());
        status.setItemLabelGenerator(AlertStatus::label);
        status.setValue(Set.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED));
        severity.setItems(AlertSeverity.values());
        severity.setItemLabelGenerator(AlertSeverity::label);
        severity.setClearButtonVisible(true);
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setClearButtonVisible(true);

        grid.addColumn(a -> WHEN.format(a.getRaisedAt())).setHeader("Raised").setAutoWidth(true);
        grid.addColumn(VehicleAlert::getVehicleRegistration).setHeader("Vehicle").setAutoWidth(true);
        grid.addColumn(a -> a.getKind().label()).setHeader("Alert").setAutoWidth(true);
        grid.addColumn(VehicleAlert::getMessage).setHeader("Details").setFlexGrow(1);
        grid.addColumn(StatusBadge.renderer(a -> a.getSeverity().label(), a -> severityTone(a.getSeverity()))).setHeader("Severity").setAutoWidth(true);
        grid.addColumn(StatusBadge.renderer(a -> a.getStatus().label(), a -> statusTone(a.getStatus()))).setHeader("Status").setAutoWidth(true);
        grid.addColumn(AlertListView::handledBy).setHeader("Handled by").setAutoWidth(true);
        grid.addColumn(actions()).setHeader("Actions").setKey("actions").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Vehicle alerts");
        grid.setEmptyStateText("No alerts match these filters.");
        grid.setSizeFull();
        grid.setItems(q -> alerts.list(filter, q.getOffset(), Math.min(q.getLimit(), 1000)).stream());

        status.addValueChangeListener(e -> applyFilter());
        severity.addValueChangeListener(e -> applyFilter());
        depot.addValueChangeListener(e -> applyFilter());
        FlexLayout filters = new FlexLayout(status, severity, depot);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("filter-bar");
        add(new H1("Alerts"), filters, grid);
        // One refresh per second at most: a busy ingest can raise many alerts a second, and each
        // refresh re-reads the page for every open list.
        live.subscribeBatched(this, AlertChanged.class, java.time.Duration.ofSeconds(1), e -> grid.getDataProvider().refreshAll());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // A notification links to ?alert=<id>: show every status so a resolved alert is still found.
        event.getLocation().getQueryParameters().getSingleParameter("alert").ifPresent(id -> status.clear());
    }

    private void applyFilter() {
        filter = new AlertFilter(status.getValue(), severity.getValue(), depot.getValue() == null ? null : depot.getValue().getId(), null);
        grid.getDataProvider().refreshAll();
    }

    /** Acknowledge and Resolve as a template (buttons per cell as components would be built for every page of rows). */
    private LitRenderer<VehicleAlert> actions() {
        return LitRenderer.<VehicleAlert>of("""
                ${!item.handle ? '—' : html`${item.open ? html`<vaadin-button theme="small" aria-label="Acknowledge ${item.what}" \
                @click=${acknowledge}>Acknowledge</vaadin-button>` : ''}<vaadin-button theme="small primary" \
                aria-label="Resolve ${item.what}" @click=${resolve}>Resolve</vaadin-button>`}""")
                .withProperty("handle", a -> canHandle && a.getStatus() != AlertStatus.RESOLVED)
                .withProperty("open", a -> a.getStatus() == AlertStatus.OPEN)
                .withProperty("what", a -> a.getKind().label() + " alert for " + a.getVehicleRegistration())
                .withFunction("acknowledge", a -> act(() -> alerts.acknowledge(a.getId(), a.getVersion()), "Alert acknowledged"))
                .withFunction("resolve", a -> act(() -> alerts.resolve(a.getId(), a.getVersion(), null), "Alert resolved"));
    }

    private void act(Runnable action, String done) {
        if (!canHandle) {
            return; // no buttons were shown; the service would refuse anyway
        }
        try {
            action.run();
            Feedback.saved(done);
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
        grid.getDataProvider().refreshAll();
    }

    private static String handledBy(VehicleAlert a) {
        if (a.getResolvedBy() != null) {
            return "Resolved by " + a.getResolvedBy() + ", " + WHEN.format(a.getResolvedAt());
        }
        if (a.getAcknowledgedBy() != null) {
            return "Acknowledged by " + a.getAcknowledgedBy() + ", " + WHEN.format(a.getAcknowledgedAt());
        }
        return "—";
    }

    private static StatusBadge.Tone severityTone(AlertSeverity severity) {
        return switch (severity) {
            case LOW -> StatusBadge.Tone.NEUTRAL;
            case MEDIUM -> StatusBadge.Tone.INFO;
            case HIGH -> StatusBadge.Tone.WARNING;
            case CRITICAL -> StatusBadge.Tone.ERROR;
        };
    }

    private static StatusBadge.Tone statusTone(AlertStatus status) {
        return switch (status) {
            case OPEN -> StatusBadge.Tone.ERROR;
            case ACKNOWLEDGED -> StatusBadge.Tone.WARNING;
            case RESOLVED -> StatusBadge.Tone.SUCCESS;
        };
    }
}
