package com.fleetdesk.maintenance;

/** What the work order list is narrowed to; null parts do not filter. */
public record WorkOrderFilter(String text, Long depotId, WorkOrderStatus status, String technicianUsername, Long vehicleId) {

    public static WorkOrderFilter none() {
        return new WorkOrderFilter(null, null, null, null, null);
    }
}
