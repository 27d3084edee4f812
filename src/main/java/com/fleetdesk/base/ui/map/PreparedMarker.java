package com.fleetdesk.base.ui.map;

import java.io.Serializable;
import java.util.Objects;

/**
 * A marker whose JSON is written once, for a marker that many maps show at the same moment (a
 * live fleet's moves reach every open map): {@link FleetMap#upsertPrepared} only joins the texts,
 * so a move costs each map a string copy instead of its own JSON tree and serialisation. The text
 * is ASCII (other characters escaped), which keeps the push transport on its fast path.
 */
public final class PreparedMarker implements Serializable {

    private final MapMarker marker;
    private final String json;

    private PreparedMarker(MapMarker marker, String json) {
        this.marker = marker;
        this.json = json;
    }

    public static PreparedMarker of(MapMarker marker) {
        Objects.requireNonNull(marker, "marker");
        return new PreparedMarker(marker, FleetMap.asciiJson(marker));
    }

    public MapMarker marker() {
        return marker;
    }

    String json() {
        return json;
    }
}
