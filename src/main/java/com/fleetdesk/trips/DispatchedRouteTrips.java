package com.fleetdesk.trips;

import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.routing.RoutesDispatched;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns each dispatched route into a planned trip: a draft for the vehicle's regular driver with
 * the plan's date, times and distance, which the driver completes and submits after driving it.
 * Runs inside the dispatch's transaction, so a plan is never dispatched without its trips.
 */
@Component
class DispatchedRouteTrips {

    private static final Logger log = LoggerFactory.getLogger(DispatchedRouteTrips.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);

    private final TripLogRepository trips;
    private final FleetDirectory fleet;
    private final UserNotificationService notifications;
    private final ApplicationEventPublisher events;

    DispatchedRouteTrips(TripLogRepository trips, FleetDirectory fleet, UserNotificationService notifications, ApplicationEventPublisher events) {
        this.trips = trips;
        this.fleet = fleet;
        this.notifications = notifications;
        this.events = events;
    }

    @EventListener
    public void onDispatch(RoutesDispatched dispatched) {
        for (RoutesDispatched.DispatchedRoute route : dispatched.routes()) {
            var driver = fleet.currentDriver(route.vehicleId()).orElse(null);
            var vehicle = fleet.vehicle(route.vehicleId()).orElse(null);
            if (driver == null || driver.username() == null || vehicle == null) {
                log.info("Route {} of plan {} ({}) has no regular driver with a sign-in: no planned trip",
                        route.routeNumber(), dispatched.planId(), route.registration());
                continue;
            }
            BigDecimal km = BigDecimal.valueOf(route.distanceKm()).setScale(1, RoundingMode.HALF_UP);
            BigDecimal start = BigDecimal.valueOf(fleet.odometerKm(route.vehicleId())).setScale(1, RoundingMode.HALF_UP);
            TripLog trip = new TripLog();
            trip.assignVehicle(vehicle.vehicleId(), vehicle.registration(), driver.depotId());
            trip.assignDriver(driver.driverId(), driver.name());
            trip.assignOwner(driver.username());
            trip.setPurpose(truncate("Route " + route.routeNumber() + " of plan \"" + dispatched.planName() + "\" ("
                    + route.stopCount() + " stops)", 200));
            trip.setCategory(TripCategory.BUSINESS);
            trip.setStartedAt(route.start());
            trip.setEndedAt(route.end());
            trip.setStartPlace(truncate(dispatched.depotName(), 200));
            trip.setEndPlace(truncate(dispatched.depotName() + " (via " + route.firstStop() + " … " + route.lastStop() + ")", 200));
            // Planned: the odometer readings are the expected ones until the driver enters the real ones.
            trip.setStartOdometerKm(start);
            trip.setEndOdometerKm(start.add(km));
            trip.setCurrency("GBP");
            trip.setNotes("Planned by route plan " + dispatched.planId() + " for " + DAY.format(dispatched.planDate())
                    + ": " + km.toPlainString() + " km. Correct the odometer readings after driving, then submit.");
            trip.recalculate(Co2Factors.kgPerKm(vehicle.type(), vehicle.fuelType()));
            TripLog saved = trips.save(trip);
            notifications.post(driver.username(), "Route " + route.routeNumber() + " with " + vehicle.registration() + " on "
                    + DAY.format(dispatched.planDate()) + " (" + route.stopCount() + " stops, " + km.toPlainString()
                    + " km) is in your trips as a planned draft", "trip/" + saved.getId());
            events.publishEvent(new TripChanged(saved.getId(), saved.getDepotId(), saved.getOwnerUsername(), saved.getStatus(), TripChanged.Kind.CREATED));
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
