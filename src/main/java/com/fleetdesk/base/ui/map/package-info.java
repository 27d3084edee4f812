/**
 * Fleetdesk's own Leaflet map component ({@link com.fleetdesk.base.ui.map.FleetMap}) for the live fleet
 * map, trip tracks, route plans and geofence editing. Other modules use it through this named interface.
 */
@org.springframework.modulith.NamedInterface("map")
package com.fleetdesk.base.ui.map;
