package com.fleetdesk.telematics.ui;

import com.fleetdesk.base.ui.map.PreparedMarker;
import com.fleetdesk.telematics.VehicleMove;
import com.fleetdesk.telematics.VehicleOnMap;
import com.fleetdesk.telematics.VehiclesMoved;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns each {@link VehiclesMoved} into markers once for all the live maps open on this node:
 * every map receives the same event, so the first one to handle it prepares the markers (JSON
 * included) and the others reuse them. With dozens of maps following a whole fleet, building and
 * serialising the same marker once per map took the server's CPU (see the README's load
 * benchmark). Keeps the newest known state of every vehicle an open map has loaded, which is what
 * a move is applied to; a map shows a prepared marker only for a vehicle it has itself loaded for
 * its user, so what a user may see is still decided by each map's own query.
 */
@Component
class LiveMapMarkers {

    /** A vehicle after a move, and its marker. */
    record Moved(VehicleOnMap vehicle, PreparedMarker marker) {
    }

    private final Map<Long, VehicleOnMap> current = new ConcurrentHashMap<>();
    /** Keyed by the event object itself (weak keys compare by identity); gone once no map holds the event. */
    private final Cache<VehiclesMoved, List<Moved>> prepared = Caffeine.newBuilder().weakKeys().build();

    /** What a map has just loaded; a newer move already known here is kept. */
    void remember(Collection<VehicleOnMap> loaded) {
        for (VehicleOnMap v : loaded) {
            current.merge(v.vehicleId(), v, (known, fresh) -> known.fixTime() != null
                    && (fresh.fixTime() == null || known.fixTime().isAfter(fresh.fixTime())) ? fresh.movedTo(moveOf(known)) : fresh);
        }
    }

    /** The event's moves of vehicles some map here has loaded, as markers; moves older than what is known are left out. */
    List<Moved> of(VehiclesMoved event) {
        return prepared.get(event, this::prepare);
    }

    private List<Moved> prepare(VehiclesMoved event) {
        Instant now = Instant.now();
        List<Moved> result = new ArrayList<>(event.moves().size());
        for (VehicleMove m : event.moves()) {
            VehicleOnMap[] applied = new VehicleOnMap[1];
            current.computeIfPresent(m.vehicleId(), (id, v) -> {
                if (!v.isOlderThan(m)) {
                    return v;
                }
                applied[0] = v.movedTo(m);
                return applied[0];
            });
            if (applied[0] != null) {
                result.add(new Moved(applied[0], PreparedMarker.of(LiveMapView.marker(applied[0], now))));
            }
        }
        return result;
    }

    private static VehicleMove moveOf(VehicleOnMap v) {
        return new VehicleMove(v.vehicleId(), v.lat(), v.lon(), v.speedKmh(), v.heading(), v.ignition(), v.fuelPct(), v.fixTime());
    }
}
