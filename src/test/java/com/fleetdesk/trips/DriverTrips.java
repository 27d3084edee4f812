package com.fleetdesk.trips;

import com.fleetdesk.SignedIn;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Draft trips logged by the demo driver ("driver") for their own vehicle, for tests. */
@Component
public class DriverTrips {

    private final TripLogService trips;
    private final VehicleService vehicles;
    private final DriverService drivers;
    private final SignedIn signedIn;

    DriverTrips(TripLogService trips, VehicleService vehicles, DriverService drivers, SignedIn signedIn) {
        this.trips = trips;
        this.vehicles = vehicles;
        this.drivers = drivers;
        this.signedIn = signedIn;
    }

    public TripLog draft(String purpose, Instant start, Duration length, String from, String to, String startKm, String endKm) {
        return signedIn.as("driver", () -> {
            TripLog trip = new TripLog();
            trip.setVehicleId(vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst().getId());
            trip.setDriverId(drivers.mine().orElseThrow().getId());
            trip.setPurpose(purpose);
            trip.setCategory(TripCategory.BUSINESS);
            trip.setStartedAt(start);
            trip.setEndedAt(start.plus(length));
            trip.setStartPlace(from);
            trip.setEndPlace(to);
            trip.setStartOdometerKm(new BigDecimal(startKm));
            trip.setEndOdometerKm(new BigDecimal(endKm));
            trip.setCurrency("GBP");
            return trips.create(trip);
        });
    }
}
