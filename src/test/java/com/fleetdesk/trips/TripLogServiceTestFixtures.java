package com.fleetdesk.trips;

/** Smallest valid file headers for receipt tests. */
public final class TripLogServiceTestFixtures {
    public static final byte[] PNG = TripLogServiceTest.PNG;

    private TripLogServiceTestFixtures() {
    }
}
