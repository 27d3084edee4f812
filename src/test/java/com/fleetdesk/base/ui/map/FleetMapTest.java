package com.fleetdesk.base.ui.map;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The server side of the map: state, validation, JSON, re-attach and events. No browser, no Spring. */
class FleetMapTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern CALL = Pattern.compile("\\$0\\.(\\w+)\\(");

    private static MapMarker van(String id, double lat, double lon) {
        return new MapMarker(id, lat, lon, 90.0, "#2e7d32", id.toUpperCase(), "Van " + id, "Moving 54 km/h");
    }

    @Test
    void keepsMarkersPolylinesAndShapes() {
        FleetMap map = new FleetMap();
        map.setMarkers(List.of(van("a", 53.48, -2.24), van("b", 53.50, -2.20)));
        map.setPolylines(List.of(new MapPolyline("route", List.of(LatLon.of(53.4, -2.3), LatLon.of(53.5, -2.2)), "red", "Route 1")));
        map.setShapes(List.of(MapShape.circle("depot", LatLon.of(53.47, -2.29), 400, null, "Depot")));

        assertThat(map.getMarkers()).extracting(MapMarker::id).containsExactly("a", "b");
        assertThat(map.getPolylines()).singleElement().extracting(MapPolyline::label).isEqualTo("Route 1");
        assertThat(map.getShape("depot")).get().extracting(MapShape::radius).isEqualTo(400.0);

        map.setMarkers(List.of(van("c", 53.0, -2.0)));
        assertThat(map.getMarkers()).extracting(MapMarker::id).containsExactly("c");
        assertThat(map.removeMarker("c")).isTrue();
        assertThat(map.removeMarker("c")).isFalse();

        map.clear();
        assertThat(map.getMarkers()).isEmpty();
        assertThat(map.getPolylines()).isEmpty();
        assertThat(map.getShapes()).isEmpty();
    }

    @Test
    void upsertReplacesById() {
        FleetMap map = new FleetMap();
        map.upsertMarker(van("a", 53.48, -2.24));
        map.upsertMarker(van("b", 53.49, -2.25));
        map.upsertMarker(van("a", 53.48, -2.24).withPosition(53.60, -2.10, 180.0).withStatus("Stopped", "grey"));

        assertThat(map.getMarkers()).hasSize(2);
        MapMarker a = map.getMarker("a").orElseThrow();
        assertThat(a.position()).isEqualTo(LatLon.of(53.60, -2.10));
        assertThat(a.heading()).isEqualTo(180.0);
        assertThat(a.status()).isEqualTo("Stopped");

        map.upsertShape(MapShape.circle("g", LatLon.of(53.0, -2.0), 100, null, "G"));
        map.upsertShape(MapShape.polygon("g", List.of(LatLon.of(53, -2), LatLon.of(53.1, -2), LatLon.of(53.1, -2.1)), null, "G"));
        assertThat(map.getShapes()).singleElement().extracting(MapShape::type).isEqualTo(MapShape.Type.POLYGON);
    }

    @Test
    void extendPolylineKeepsTheNewestPoints() {
        FleetMap map = new FleetMap();
        map.upsertPolyline(new MapPolyline("trail", List.of(), "blue", 3, "Trail"));
        for (int i = 0; i < 5; i++) {
            map.extendPolyline("trail", LatLon.of(53 + i * 0.01, -2), 3);
        }
        assertThat(map.getPolyline("trail").orElseThrow().points())
                .containsExactly(LatLon.of(53.02, -2), LatLon.of(53.03, -2), LatLon.of(53.04, -2));
        assertThatThrownBy(() -> map.extendPolyline("nope", LatLon.of(0, 0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No polyline with id nope");
    }

    @Test
    void rejectsCoordinatesOutOfRangeWithAClearMessage() {
        assertThatThrownBy(() -> van("a", 90.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Marker a: latitude must be between -90 and 90 degrees, was 90.5");
        assertThatThrownBy(() -> van("a", 0, -180.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Marker a: longitude must be between -180 and 180 degrees, was -180.01");
        assertThatThrownBy(() -> LatLon.of(Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latitude must be between -90 and 90");
        assertThatThrownBy(() -> LatLon.of(0, 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longitude must be between -180 and 180");
        assertThatThrownBy(() -> new FleetMap().setView(91, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latitude");
        // The edges themselves are valid.
        assertThat(van("edge", -90, 180).position()).isEqualTo(LatLon.of(-90, 180));
    }

    @Test
    void rejectsOtherInvalidInput() {
        assertThatThrownBy(() -> new MapMarker(" ", 0, 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id must not be blank");
        assertThatThrownBy(() -> new MapMarker("x", 0, 0, null, "red;background:url(x)", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CSS colour");
        assertThatThrownBy(() -> MapShape.polygon("p", List.of(LatLon.of(1, 1), LatLon.of(2, 2)), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> MapShape.circle("c", LatLon.of(1, 1), 0, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
        assertThatThrownBy(() -> new FleetMap().setMarkers(List.of(van("a", 1, 1), van("a", 2, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate marker id: a");
    }

    @Test
    void defaultsAndNormalisation() {
        MapMarker plain = new MapMarker("p", 1, 2, -90.0, null, null, null, null);
        assertThat(plain.heading()).isEqualTo(270.0);
        assertThat(plain.colour()).isEqualTo("#1565c0");
        assertThat(plain.label()).isEmpty();
        assertThat(new MapMarker("q", 1, 2, null, "var(--lumo-primary-color)", "L", "T", "S").heading()).isNull();
    }

    @Test
    void serialisesTheShapesTheBrowserExpects() {
        ObjectNode marker = FleetMap.toJson(new MapMarker("v1", 53.48, -2.24, null, "red", "AB12 CDE", "Van", "Parked"));
        assertThat(marker.get("id").asString()).isEqualTo("v1");
        assertThat(marker.get("lat").asDouble()).isEqualTo(53.48);
        assertThat(marker.get("lon").asDouble()).isEqualTo(-2.24);
        assertThat(marker.get("heading").isNull()).isTrue();
        assertThat(marker.get("label").asString()).isEqualTo("AB12 CDE");
        assertThat(marker.get("status").asString()).isEqualTo("Parked");

        ObjectNode circle = FleetMap.toJson(MapShape.circle("c", LatLon.of(53, -2), 250, "orange", "Yard"));
        assertThat(circle.get("type").asString()).isEqualTo("circle");
        assertThat(circle.get("center").toString()).isEqualTo("[53.0,-2.0]");
        assertThat(circle.get("radius").asDouble()).isEqualTo(250.0);

        ObjectNode line = FleetMap.toJson(new MapPolyline("l", List.of(LatLon.of(1, 2), LatLon.of(3, 4)), "blue", 5, "Track"));
        assertThat(line.get("points").toString()).isEqualTo("[[1.0,2.0],[3.0,4.0]]");
        assertThat(line.get("weight").asInt()).isEqualTo(5);
    }

    @Test
    void sendsIncrementsWhileAttachedAndTheWholeStateOnReattach() {
        UI ui = new UI();
        // Queued JavaScript is only handed over under a session lock; a stand-in session is enough here.
        VaadinSession session = mock(VaadinSession.class);
        when(session.hasLock()).thenReturn(true);
        ui.getInternals().setSession(session);
        FleetMap map = new FleetMap("Live fleet map");
        map.setMarkers(List.of(van("a", 53.48, -2.24)));
        map.fitBounds(40);

        ui.add(map);
        List<Call> first = flush(ui);
        assertThat(first).extracting(Call::function)
                .containsExactly("setShapes", "setPolylines", "setMarkers", "fitBounds");
        assertThat(first.get(2).arguments().get(0).toString()).contains("\"id\":\"a\"");
        assertThat(first.get(3).arguments()).containsExactly(40);

        map.upsertMarker(van("b", 53.5, -2.2));
        map.highlight("b");
        assertThat(flush(ui)).extracting(Call::function).containsExactly("upsertMarker", "highlight");

        ui.remove(map);
        map.upsertMarker(van("c", 53.6, -2.1)); // while detached: kept, nothing sent
        map.setView(53.48, -2.24, 12);
        assertThat(flush(ui)).isEmpty();

        ui.add(map);
        List<Call> again = flush(ui);
        assertThat(again).extracting(Call::function)
                .containsExactly("setShapes", "setPolylines", "setMarkers", "highlight", "setView");
        JsonNode markers = (JsonNode) again.get(2).arguments().get(0);
        assertThat(markers).hasSize(3);
        assertThat(again.get(4).arguments()).containsExactly(53.48, -2.24, 12);
        assertThat(map.getElement().getAttribute("role")).isEqualTo("region");
        assertThat(map.getAriaLabel()).contains("Live fleet map");
    }

    @Test
    void markerAndMapClicksArriveAsEvents() {
        FleetMap map = new FleetMap();
        map.upsertMarker(van("v7", 53.48, -2.24));
        List<MarkerClickEvent> markerClicks = new ArrayList<>();
        List<MapClickEvent> mapClicks = new ArrayList<>();
        map.addMarkerClickListener(markerClicks::add);
        map.addMapClickListener(mapClicks::add);

        ObjectNode markerData = JSON.objectNode().put("event.detail.id", "v7");
        fireDom(map, "marker-click", markerData);
        ObjectNode clickData = JSON.objectNode().put("event.detail.lat", 53.5).put("event.detail.lon", -2.3);
        fireDom(map, "map-click", clickData);

        assertThat(markerClicks).singleElement().satisfies(e -> {
            assertThat(e.getMarkerId()).isEqualTo("v7");
            assertThat(e.isFromClient()).isTrue();
            assertThat(e.getMarker()).get().extracting(MapMarker::label).isEqualTo("V7");
        });
        assertThat(mapClicks).singleElement().extracting(MapClickEvent::getPosition).isEqualTo(LatLon.of(53.5, -2.3));
    }

    @Test
    void drawnShapesArriveAsEvents() {
        FleetMap map = new FleetMap();
        List<ShapeDrawnEvent> drawn = new ArrayList<>();
        map.addShapeDrawnListener(drawn::add);

        ObjectNode circle = JSON.objectNode();
        circle.put("type", "circle").put("radius", 321.5).putNull("points");
        circle.putArray("center").add(53.4).add(-2.2);
        fireDom(map, "shape-drawn", JSON.objectNode().set("event.detail", circle));

        ObjectNode polygon = JSON.objectNode();
        polygon.put("type", "polygon").putNull("center").putNull("radius");
        var points = polygon.putArray("points");
        points.addArray().add(53.0).add(-2.0);
        points.addArray().add(53.1).add(-2.0);
        points.addArray().add(999.0).add(-2.0); // nonsense from the browser is dropped
        points.addArray().add(53.1).add(-2.1);
        fireDom(map, "shape-drawn", JSON.objectNode().set("event.detail", polygon));

        assertThat(drawn).hasSize(2);
        ShapeDrawnEvent c = drawn.get(0);
        assertThat(c.getType()).isEqualTo(MapShape.Type.CIRCLE);
        assertThat(c.getCenter()).contains(LatLon.of(53.4, -2.2));
        assertThat(c.getRadius()).isEqualTo(321.5);
        MapShape geofence = c.toShape("new", "purple", "New geofence");
        assertThat(geofence.radius()).isEqualTo(321.5);

        ShapeDrawnEvent p = drawn.get(1);
        assertThat(p.getType()).isEqualTo(MapShape.Type.POLYGON);
        assertThat(p.getCenter()).isEmpty();
        assertThat(p.getPoints()).containsExactly(LatLon.of(53.0, -2.0), LatLon.of(53.1, -2.0), LatLon.of(53.1, -2.1));
        map.upsertShape(p.toShape("zone", null, "Zone"));
        assertThat(map.getShapes()).hasSize(1);
    }

    @Test
    void preparedMarkersAreSentAsOneAsciiTextAndKeptLikeAnyOther() {
        UI ui = new UI();
        VaadinSession session = mock(VaadinSession.class);
        when(session.hasLock()).thenReturn(true);
        ui.getInternals().setSession(session);
        FleetMap one = new FleetMap();
        FleetMap other = new FleetMap();
        ui.add(one, other);
        flush(ui);

        PreparedMarker a = PreparedMarker.of(new MapMarker("a", 53.48, -2.24, 90.0, "#1f7a3a", "AB12 CDE", "AB12 CDE · Ford Transit", "Moving 54 km/h"));
        PreparedMarker b = PreparedMarker.of(van("b", 53.5, -2.2));
        one.upsertPrepared(List.of(a, b));
        other.upsertPrepared(List.of(b));
        one.upsertPrepared(List.of());

        List<Call> calls = flush(ui);
        assertThat(calls).extracting(Call::function).containsExactly("upsertMarkers", "upsertMarkers");
        // The joined texts go into the response as they are (no second escaping), as the client's JSON parser reads it
        String text = sentAs(calls.get(0).arguments().get(0));
        // ASCII only: the middle dot travels escaped, and the browser's JSON parser gives it back
        assertThat(text).startsWith("[{\"id\":\"a\"").contains("AB12 CDE \\u00B7 Ford Transit").doesNotContain("·");
        JsonNode parsed = tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).get("title").asText()).isEqualTo("AB12 CDE · Ford Transit");
        assertThat(parsed.get(1).get("lat").asDouble()).isEqualTo(53.5);
        assertThat(sentAs(calls.get(1).arguments().get(0))).isEqualTo("[" + b.json() + "]");

        assertThat(one.getMarkers()).extracting(MapMarker::id).containsExactly("a", "b");
        assertThat(other.getMarker("b")).get().extracting(MapMarker::lat).isEqualTo(53.5);
    }

    @Test
    void shapeClickAndCancelledDrawingArriveAsEvents() {
        FleetMap map = new FleetMap();
        map.upsertShape(MapShape.circle("depot", LatLon.of(53.47, -2.29), 400, null, "Depot"));
        List<String> seen = new ArrayList<>();
        map.addShapeClickListener(e -> seen.add("shape " + e.getShapeId() + " " + e.getShape().map(MapShape::label).orElse("?")));
        map.addDrawingCancelledListener(e -> seen.add("cancelled"));

        ComponentUtil.fireEvent(map, new ShapeClickEvent(map, true, "depot"));
        fireDom(map, "drawing-cancelled", JSON.objectNode());

        assertThat(seen).containsExactly("shape depot Depot", "cancelled");
    }

    private static void fireDom(FleetMap map, String type, ObjectNode data) {
        map.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(map.getElement(), type, data));
    }

    private record Call(String function, List<Object> arguments) {
    }

    /** How an argument appears in the response Vaadin writes (encoded as for a call, inside the response's JSON tree). */
    private static String sentAs(Object argument) {
        String response = JSON.arrayNode().add(com.vaadin.flow.internal.JacksonCodec.encodeWithTypeInfo(argument)).toString();
        return response.substring(1, response.length() - 1);
    }

    /** The JavaScript calls the next response would carry, as (function name, arguments after the element). */
    private static List<Call> flush(UI ui) {
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<Call> calls = new ArrayList<>();
        for (PendingJavaScriptInvocation invocation : ui.getInternals().dumpPendingJavaScriptInvocations()) {
            Matcher m = CALL.matcher(invocation.getInvocation().getExpression());
            if (m.find()) {
                List<Object> parameters = invocation.getInvocation().getParameters();
                calls.add(new Call(m.group(1), parameters.subList(1, parameters.size())));
            }
        }
        return calls;
    }
}
