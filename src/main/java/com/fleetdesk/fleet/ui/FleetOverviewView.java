package com.fleetdesk.fleet.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.ui.HomeMenu;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.VehicleChanged;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;

import java.util.Set;
import java.util.stream.Collectors;

/** The landing page: what the signed-in user's part of the fleet looks like right now. */
@Route("")
@PageTitle("Overview · Fleetdesk")
@Menu(title = "Overview", order = 0, icon = "vaadin:home")
@HomeMenu
@PermitAll
public class FleetOverviewView extends Main {

    private final VehicleService vehicles;
    private final FlexLayout tiles = new FlexLayout();

    public FleetOverviewView(VehicleService vehicles, DepotService depots, LiveEventBus live) {
        this.vehicles = vehicles;
        addClassNames("overview-view");
        String who = CurrentUser.username().orElse("");
        String roles = CurrentUser.roles().stream().map(Role::label).collect(Collectors.joining(", "));
        String depotNames = depots.visibleDepots().stream().map(Depot::getName).collect(Collectors.joining(", "));
        tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tiles.addClassName("tiles");
        add(new H1("Overview"),
                new Paragraph("Signed in as " + who + " (" + roles + ")" + (depotNames.isEmpty() ? "." : ". Depots: " + depotNames + ".")),
                new H2("Vehicles"), tiles,
                new Paragraph(new RouterLink("Open the vehicle list", VehicleListView.class)));
        refresh();
        live.subscribe(this, VehicleChanged.class, event -> refresh());
    }

    private void refresh() {
        tiles.removeAll();
        tiles.add(tile("All vehicles", vehicles.count(VehicleFilter.none())));
        for (VehicleStatus status : VehicleStatus.values()) {
            tiles.add(tile(status.label(), vehicles.count(new VehicleFilter(null, null, Set.of(status), null))));
        }
    }

    private static Div tile(String label, long value) {
        Span number = new Span(String.valueOf(value));
        number.addClassName("tile-value");
        Span caption = new Span(label);
        caption.addClassName("tile-label");
        Div tile = new Div(number, caption);
        tile.addClassName("tile");
        tile.getElement().setAttribute("role", "group");
        tile.getElement().setAttribute("aria-label", label + ": " + value);
        return tile;
    }
}
