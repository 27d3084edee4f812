package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;

/** The user left drawing mode with Escape (not fired for {@link FleetMap#cancelDrawing()}). */
@DomEvent("drawing-cancelled")
public class DrawingCancelledEvent extends ComponentEvent<FleetMap> {

    public DrawingCancelledEvent(FleetMap source, boolean fromClient) {
        super(source, fromClient);
    }
}
