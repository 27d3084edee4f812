package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;

import java.util.Optional;

/** A marker was clicked, or activated with Enter or Space while focused. */
@DomEvent("marker-click")
public class MarkerClickEvent extends ComponentEvent<FleetMap> {

    private final String markerId;

    public MarkerClickEvent(FleetMap source, boolean fromClient, @EventData("event.detail.id") String markerId) {
        super(source, fromClient);
        this.markerId = markerId;
    }

    public String getMarkerId() {
        return markerId;
    }

    /** The marker as the server last sent it; empty if it was removed meanwhile. */
    public Optional<MapMarker> getMarker() {
        return getSource().getMarker(markerId);
    }
}
