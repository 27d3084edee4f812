--liquibase formatted sql

--changeset fleetdesk:0012-analytics-indexes
-- Dashboard aggregates read these columns for a depot list and a period; covering them lets
-- PostgreSQL answer from the index alone instead of visiting a million-row heap.
create index trip_log_analytics_ix on trip_log (depot_id, started_at)
    include (id, vehicle_id, driver_id, distance_km, co2_kg, total_cost, currency, category, status);
-- Fuel receipts per trip, for fuel spend per 100 km, without reading the other expenses.
create index trip_expense_fuel_ix on trip_expense (trip_id) include (amount, currency) where expense_type = 'FUEL';
-- Approval turnaround is grouped by the month of the decision.
create index trip_log_decided_ix on trip_log (depot_id, decided_at) include (submitted_at, status) where decided_at is not null;
-- Alerts by kind and severity for a depot list and period.
create index vehicle_alert_analytics_ix on vehicle_alert (depot_id, raised_at) include (kind, severity, vehicle_id);
-- Issues per period (turnover, top movers, weekly issues) without reading the rest of the ledger.
create index stock_movement_issue_ix on stock_movement (moved_at, location_id) include (part_id, quantity) where movement_type = 'ISSUE';
