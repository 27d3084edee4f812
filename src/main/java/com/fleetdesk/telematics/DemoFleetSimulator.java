package com.fleetdesk.telematics;

import com.fleetdesk.fleet.FleetDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives the demo fleet so a fresh install shows a moving map: each tracked vehicle loops
 * through a few waypoints around its depot at road speeds, pausing at each, and reports every
 * few seconds through the real tracker path (OsmAnd over HTTP to the ingest port). On with demo
 * data; turn it off ({@code fleetdesk.simulator.enabled=false}) once real trackers report.
 */
@Component
class DemoFleetSimulator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFleetSimulator.class);

    private final FleetDirectory fleet;
    private final IngestHttpServer server;
    private final boolean enabled;
    private final Duration interval;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<SimulatedVehicle> vehicles = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    DemoFleetSimulator(FleetDirectory fleet, IngestHttpServer server,
                       @Value("${fleetdesk.simulator.enabled:false}") boolean enabled,
                       @Value("${fleetdesk.simulator.interval-seconds:5}") int intervalSeconds) {
        this.fleet = fleet;
        this.server = server;
        this.enabled = enabled;
        this.interval = Duration.ofSeconds(intervalSeconds);
    }

    /** Starts once the demo data exists (after the runners), not with the context. */
    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        if (!enabled || server.port() < 0) {
            return;
        }
        Map<String, FleetDirectory.TrackedVehicle> tracked = fleet.trackedVehicles();
        Map<Long, double[]> depots = new java.util.HashMap<>();
        fleet.depotLocations().forEach(d -> depots.put((long) d[0], new double[]{d[1], d[2]}));
        SplittableRandom random = new SplittableRandom(7);
        tracked.forEach((device, vehicle) -> {
            double[] home = depots.get(vehicle.depotId());
            if (home != null && device.startsWith("FD")) {
                vehicles.add(new SimulatedVehicle(device, home[0], home[1], random.split()));
            }
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("demo-fleet-simulator").unstarted(r));
        scheduler.scheduleWithFixedDelay(this::tick, 1, interval.toSeconds(), TimeUnit.SECONDS);
        running = true;
        log.info("Demo fleet simulator drives {} vehicles, reporting every {} s to the tracker port {}", vehicles.size(), interval.toSeconds(), server.port());
    }

    private void tick() {
        Instant now = Instant.now();
        for (SimulatedVehicle v : vehicles) {
            try {
                v.advance(interval.toSeconds());
                String query = String.format(Locale.ROOT, "id=%s&timestamp=%d&lat=%.6f&lon=%.6f&speed=%.1f&bearing=%.0f&altitude=%.0f&accuracy=%.0f&batt=%.0f",
                        v.device, now.getEpochSecond(), v.lat, v.lon, v.speedKmh / 1.852, v.heading, 40 + v.random.nextDouble() * 30,
                        3 + v.random.nextDouble() * 6, v.battery);
                http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/?" + query))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (RuntimeException e) {
                log.debug("Simulated report of {} failed: {}", v.device, e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        // started by begin() once the application is ready
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A vehicle looping through waypoints around its depot. */
    static final class SimulatedVehicle {
        final String device;
        final SplittableRandom random;
        final List<double[]> waypoints = new ArrayList<>();
        double lat;
        double lon;
        double heading;
        double speedKmh;
        double battery = 100;
        int target;
        long pauseSeconds;

        SimulatedVehicle(String device, double homeLat, double homeLon, SplittableRandom random) {
            this.device = device;
            this.random = random;
            int points = 4 + random.nextInt(4);
            double radiusKm = 2 + random.nextDouble() * 12;
            double start = random.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < points; i++) {
                double angle = start + i * 2 * Math.PI / points + random.nextDouble() * 0.5;
                double r = radiusKm * (0.5 + random.nextDouble() * 0.5);
                waypoints.add(new double[]{homeLat + r / 111.0 * Math.sin(angle), homeLon + r / (111.0 * Math.cos(Math.toRadians(homeLat))) * Math.cos(angle)});
            }
            waypoints.add(new double[]{homeLat, homeLon});
            this.lat = homeLat + (random.nextDouble() - 0.5) * 0.002;
            this.lon = homeLon + (random.nextDouble() - 0.5) * 0.002;
            this.pauseSeconds = random.nextInt(120);
        }

        void advance(long seconds) {
            battery = Math.max(20, battery - 0.01 * seconds);
            if (pauseSeconds > 0) {
                pauseSeconds -= seconds;
                speedKmh = 0;
                return;
            }
            double[] goal = waypoints.get(target);
            double dLatKm = (goal[0] - lat) * 111.0;
            double dLonKm = (goal[1] - lon) * 111.0 * Math.cos(Math.toRadians(lat));
            double remainingKm = Math.hypot(dLatKm, dLonKm);
            speedKmh = Math.max(15, Math.min(80, speedKmh + (random.nextDouble() - 0.4) * 15));
            double stepKm = speedKmh * seconds / 3600.0;
            heading = (Math.toDegrees(Math.atan2(dLonKm, dLatKm)) + 360) % 360;
            if (stepKm >= remainingKm) {
                lat = goal[0];
                lon = goal[1];
                target = (target + 1) % waypoints.size();
                pauseSeconds = 30 + random.nextInt(240);
                speedKmh = 0;
            } else {
                lat += dLatKm / remainingKm * stepKm / 111.0;
                lon += dLonKm / remainingKm * stepKm / (111.0 * Math.cos(Math.toRadians(lat)));
            }
        }
    }
}
