package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;

import java.util.Optional;

/** A shape (geofence) or a polyline was clicked; the id is that of a {@link MapShape} or {@link MapPolyline}. */
@DomEvent("shape-click")
public class ShapeClickEvent extends ComponentEvent<FleetMap> {

    private final String shapeId;

    public ShapeClickEvent(FleetMap source, boolean fromClient, @EventData("event.detail.id") String shapeId) {
        super(source, fromClient);
        this.shapeId = shapeId;
    }

    public String getShapeId() {
        return shapeId;
    }

    public Optional<MapShape> getShape() {
        return getSource().getShape(shapeId);
    }

    public Optional<MapPolyline> getPolyline() {
        return getSource().getPolyline(shapeId);
    }
}
