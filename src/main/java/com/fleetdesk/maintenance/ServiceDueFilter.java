package com.fleetdesk.maintenance;

/** What the due list is narrowed to; null parts do not filter. */
public record ServiceDueFilter(Long depotId, DueStatus status, String text) {

    public static ServiceDueFilter none() {
        return new ServiceDueFilter(null, null, null);
    }
}
