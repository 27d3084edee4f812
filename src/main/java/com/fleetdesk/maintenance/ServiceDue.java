package com.fleetdesk.maintenance;

import com.fleetdesk.fleet.VehicleType;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of the due list: a vehicle against one of its schedules, with the last service (from
 * the last completed work order, or the purchase date and 0 km when it was never serviced), when
 * the next one falls due and whether a work order for it is already open.
 */
public record ServiceDue(long vehicleId, String registration, String vehicleName, long depotId, String depotName, VehicleType vehicleType,
                         long scheduleId, String scheduleName, String interval, BigDecimal odometerKm,
                         BigDecimal lastServiceKm, LocalDate lastServiceDate, boolean serviceRecorded,
                         BigDecimal nextDueKm, LocalDate nextDueDate, DueStatus status,
                         Long openWorkOrderId, String openWorkOrderNumber) {

    /** Km left until the service is due by distance (negative when overdue), or null when the schedule has no km interval. */
    public BigDecimal kmLeft() {
        return nextDueKm == null ? null : nextDueKm.subtract(odometerKm);
    }
}
