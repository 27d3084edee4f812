package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;

/** The map background was clicked (not a marker or shape, and not while drawing). */
@DomEvent("map-click")
public class MapClickEvent extends ComponentEvent<FleetMap> {

    private final LatLon position;

    public MapClickEvent(FleetMap source, boolean fromClient,
                         @EventData("event.detail.lat") double lat,
                         @EventData("event.detail.lon") double lon) {
        super(source, fromClient);
        // Browser input: clamp rather than fail on a value just outside the range.
        this.position = new LatLon(clamp(lat, 90), clamp(lon, 180));
    }

    private static double clamp(double value, double limit) {
        return Double.isFinite(value) ? Math.max(-limit, Math.min(limit, value)) : 0;
    }

    public LatLon getPosition() {
        return position;
    }
}
