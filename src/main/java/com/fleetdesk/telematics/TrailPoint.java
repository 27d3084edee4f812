package com.fleetdesk.telematics;

import java.time.Instant;

public record TrailPoint(Instant time, double lat, double lon, Double speedKmh, Double heading) {
}
