/**
 * Analytics: dashboards per role (fleet, trips, inventory) over a date range and depot, with
 * aggregates computed in SQL, cached per query and filter, and evicted when the underlying
 * data changes; monthly fleet reports per depot as PDF and Excel.
 * <p>
 * It reads the other modules' tables as a read model (SQL only, never their entities) and
 * listens to their change events. A further dashboard plugs in by extending
 * {@link com.fleetdesk.analytics.ui.DashboardView} and adding its cached queries to
 * {@link com.fleetdesk.analytics.AnalyticsCaches}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package com.fleetdesk.analytics;
