/**
 * Telematics: position and telemetry ingest from real trackers (OsmAnd/Traccar Client over
 * HTTP, OwnTracks), time-partitioned storage, the last known position of every vehicle and
 * the live fleet map.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Telematics")
package com.fleetdesk.telematics;
