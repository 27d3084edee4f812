package com.fleetdesk.telematics.ui;

import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.telematics.FleetPositionService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Trackers that report but are fitted to no vehicle; fit one by entering its ID on the vehicle. */
@Route("telematics/unknown-devices")
@PageTitle("Unknown devices · Fleetdesk")
@Menu(title = "Unknown devices", order = 240, icon = "vaadin:question-circle-o")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER})
public class UnknownDevicesView extends Main {

    final Grid<FleetPositionService.UnknownDevice> grid = new Grid<>(FleetPositionService.UnknownDevice.class, false);

    public UnknownDevicesView(FleetPositionService positions) {
        addClassNames("list-view");
        grid.addColumn(FleetPositionService.UnknownDevice::deviceId).setHeader("Device ID").setAutoWidth(true);
        grid.addColumn(FleetPositionService.UnknownDevice::protocol).setHeader("Protocol").setAutoWidth(true);
        grid.addColumn(d -> AlertListView.WHEN.format(d.firstSeen())).setHeader("First seen").setAutoWidth(true);
        grid.addColumn(d -> AlertListView.WHEN.format(d.lastSeen())).setHeader("Last seen").setAutoWidth(true);
        grid.addColumn(FleetPositionService.UnknownDevice::reports).setHeader("Reports").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Unknown devices");
        grid.setEmptyStateText("Every device that reported is fitted to a vehicle.");
        grid.setSizeFull();
        grid.setItems(positions.unknownDevices());
        add(new H1("Unknown devices"));
        positions.mqttStatus().ifPresent(s -> add(mqttStatus(s)));
        add(
                new Paragraph("These trackers sent positions but are fitted to no vehicle, so their positions were refused. "
                        + "To accept them, open the vehicle and enter the device ID as its tracker."),
                grid);
    }

    /** An outage of the broker means no positions from MQTT trackers: say so where trackers are looked after. */
    public static Paragraph mqttStatus(FleetPositionService.MqttStatus s) {
        Paragraph p = new Paragraph();
        p.getElement().setAttribute("role", "status");
        if (s.ready()) {
            p.add(new StatusBadge("MQTT connected", StatusBadge.Tone.SUCCESS));
            p.add(" Positions from MQTT trackers arrive through " + s.broker() + ".");
        } else if (s.downSince() != null) {
            p.add(new StatusBadge("MQTT broker unreachable", StatusBadge.Tone.ERROR));
            p.add(" " + s.broker() + " has been unreachable since " + AlertListView.WHEN.format(s.downSince())
                    + ": positions from MQTT trackers are not arriving. Fleetdesk reconnects by itself; check the broker.");
        } else {
            p.add(new StatusBadge("MQTT connecting", StatusBadge.Tone.WARNING));
            p.add(" Connecting to " + s.broker() + "…");
        }
        return p;
    }
}
