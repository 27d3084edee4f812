/**
 * Maintenance: service schedules per vehicle type (by km and/or months), the due/overdue list
 * driven by odometers and dates, and work orders whose parts are reserved and then issued from
 * stock through the inventory ledger. The vehicle's status and next-service fields follow.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Maintenance")
package com.fleetdesk.maintenance;
