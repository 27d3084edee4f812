/**
 * Fleet master data: depots, vehicles, drivers and the user accounts with their roles.
 * Other modules read it through {@link com.fleetdesk.fleet.FleetDirectory} and the services here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fleet")
package com.fleetdesk.fleet;
