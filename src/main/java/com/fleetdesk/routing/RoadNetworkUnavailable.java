package com.fleetdesk.routing;

/** The configured road network service could not give distances; the message says why. */
public class RoadNetworkUnavailable extends RuntimeException {

    public RoadNetworkUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
