package com.fleetdesk.trips;

import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.telematics.JourneyDetected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Logs journeys recognised from telemetry as draft trips of the vehicle's regular driver, with
 * the GPS distance, and tells the driver to add the purpose and submit them.
 */
@Component
class DetectedJourneyTrips {

    private static final Logger log = LoggerFactory.getLogger(DetectedJourneyTrips.class);

    private final TripLogRepository trips;
    private final FleetDirectory fleet;
    private final UserNotificationService notifications;
    private final ApplicationEventPublisher events;

    DetectedJourneyTrips(TripLogRepository trips, FleetDirectory fleet, UserNotificationService notifications, ApplicationEventPublisher events) {
        this.trips = trips;
        this.fleet = fleet;
        this.notifications = notifications;
        this.events = events;
    }

    @EventListener
    @Transactional
    public void onJourney(JourneyDetected journey) {
        var driver = fleet.currentDriver(journey.vehicleId()).orElse(null);
        var vehicle = fleet.vehicle(journey.vehicleId()).orElse(null);
        if (driver == null || driver.username() == null || vehicle == null) {
            log.info("Journey of {} ({} km) not logged: the vehicle has no regular driver with a sign-in", journey.registration(), journey.distanceKm());
            return;
        }
        BigDecimal km = BigDecimal.valueOf(journey.distanceKm()).setScale(1, RoundingMode.HALF_UP);
        BigDecimal start;
        BigDecimal end;
        if (journey.startOdometerKm() != null && journey.endOdometerKm() != null && journey.endOdometerKm() >= journey.startOdometerKm()) {
            start = BigDecimal.valueOf(journey.startOdometerKm()).setScale(1, RoundingMode.HALF_UP);
            end = BigDecimal.valueOf(journey.endOdometerKm()).setScale(1, RoundingMode.HALF_UP);
        } else {
            // No odometer from the tracker: continue from the vehicle's reading by the GPS distance.
            start = BigDecimal.valueOf(fleet.odometerKm(journey.vehicleId())).setScale(1, RoundingMode.HALF_UP);
            end = start.add(km);
            fleet.advanceOdometers(Map.of(journey.vehicleId(), end.doubleValue()));
        }
        TripLog trip = new TripLog();
        trip.assignVehicle(vehicle.vehicleId(), vehicle.registration(), driver.depotId());
        trip.assignDriver(driver.driverId(), driver.name());
        trip.assignOwner(driver.username());
        trip.setPurpose("Journey recorded by the tracker");
        trip.setCategory(TripCategory.BUSINESS);
        trip.setStartedAt(journey.startedAt());
        trip.setEndedAt(journey.endedAt());
        trip.setStartPlace(place(journey.startLat(), journey.startLon()));
        trip.setEndPlace(place(journey.endLat(), journey.endLon()));
        trip.setStartOdometerKm(start);
        trip.setEndOdometerKm(end);
        trip.setCurrency("GBP");
        trip.useGpsDistance(km);
        trip.recalculate(Co2Factors.kgPerKm(vehicle.type(), vehicle.fuelType()));
        TripLog saved = trips.save(trip);
        notifications.post(driver.username(), "A journey of " + km.toPlainString() + " km with " + vehicle.registration()
                + " was logged as a draft trip: add its purpose and submit it", "trip/" + saved.getId());
        events.publishEvent(new TripChanged(saved.getId(), saved.getDepotId(), saved.getOwnerUsername(), saved.getStatus(), TripChanged.Kind.CREATED));
    }

    private static String place(double lat, double lon) {
        return String.format(Locale.ROOT, "%.5f, %.5f", lat, lon);
    }
}
