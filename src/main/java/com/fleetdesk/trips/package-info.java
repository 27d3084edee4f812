/**
 * Trip logs: the logbook of journeys made with fleet vehicles, their expenses and receipts,
 * the approval workflow, expense policy checks and cost estimates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Trips")
package com.fleetdesk.trips;
