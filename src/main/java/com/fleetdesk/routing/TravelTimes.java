package com.fleetdesk.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Distance and time tables for route plans, from OSRM when {@code fleetdesk.routing.osrm-url}
 * is set and great-circle × road factor otherwise. Tables are cached by their points, so
 * re-scoring a hand-made change or solving again does not ask the road network again.
 */
@Component
class TravelTimes {

    private final RoadNetwork network;
    private final Cache<List<GeoPoint>, RoadNetwork.Matrix> cache = Caffeine.newBuilder()
            .maximumSize(200).expireAfterAccess(Duration.ofHours(6)).build();

    @Autowired
    TravelTimes(@Value("${fleetdesk.routing.road-factor:1.3}") double roadFactor,
                @Value("${fleetdesk.routing.average-speed-kmh:40}") double averageSpeedKmh,
                @Value("${fleetdesk.routing.osrm-url:}") String osrmUrl) {
        this.network = osrmUrl == null || osrmUrl.isBlank() ? new GreatCircleNetwork(roadFactor, averageSpeedKmh) : new OsrmNetwork(osrmUrl.strip());
    }

    TravelTimes(RoadNetwork network) {
        this.network = network;
    }

    String describe() {
        return network.describe();
    }

    RoadNetwork.Matrix table(List<GeoPoint> points) {
        return cache.get(List.copyOf(points), network::table);
    }

    long cachedTables() {
        return cache.estimatedSize();
    }
}
