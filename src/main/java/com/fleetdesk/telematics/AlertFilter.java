package com.fleetdesk.telematics;

import java.util.Set;

public record AlertFilter(Set<AlertStatus> statuses, AlertSeverity severity, Long depotId, Long vehicleId) {

    public static AlertFilter unresolved() {
        return new AlertFilter(Set.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED), null, null, null);
    }
}
