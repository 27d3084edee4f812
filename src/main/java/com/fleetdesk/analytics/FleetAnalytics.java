package com.fleetdesk.analytics;

import com.fleetdesk.base.security.Authority;
import com.fleetdesk.telematics.AlertKind;
import com.fleetdesk.telematics.AlertSeverity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet dashboard's numbers: utilisation, distance, cost, fuel, CO₂, alerts and driver
 * safety, each one SQL aggregate over the filter's period and depots, cached per filter.
 */
@Service
public class FleetAnalytics {

    static final String[] VIEWERS = {Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER};
    static final String UTILISATION = "analytics.fleet.utilisation";
    static final String VEHICLE_COSTS = "analytics.fleet.vehicle-costs";
    static final String MONTHLY = "analytics.fleet.monthly";
    static final String ALERTS = "analytics.fleet.alerts";
    static final String SAFETY = "analytics.fleet.driver-safety";

    /** Days a vehicle was used (a trip started, or it moved) out of the days in the period. */
    public record VehicleUtilisation(long vehicleId, String registration, long depotId, String depotName, int activeDays, long days,
                                     double distanceKm) {
        public double percent() {
            return days == 0 ? 0 : 100.0 * activeDays / days;
        }
    }

    public record DepotUtilisation(long depotId, String depotName, int vehicles, long activeVehicleDays, long vehicleDays) {
        public double percent() {
            return vehicleDays == 0 ? 0 : 100.0 * activeVehicleDays / vehicleDays;
        }
    }

    /** Trips, distance and costs of one vehicle; costs exclude rejected trips and other currencies. */
    public record VehicleCosts(long vehicleId, String registration, String depotName, long trips, double distanceKm, double co2Kg,
                               BigDecimal cost, BigDecimal fuelCost) {
        public BigDecimal costPerKm() {
            return distanceKm <= 0 ? BigDecimal.ZERO : cost.divide(BigDecimal.valueOf(distanceKm), 3, RoundingMode.HALF_UP);
        }

        /** Fuel spend per 100 km: the fleet records fuel as receipts (money), not litres. */
        public BigDecimal fuelCostPer100Km() {
            return distanceKm <= 0 ? BigDecimal.ZERO
                    : fuelCost.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(distanceKm), 2, RoundingMode.HALF_UP);
        }
    }

    public record FleetMonth(YearMonth month, long trips, double distanceKm, double co2Kg, BigDecimal cost) {
        public BigDecimal costPerKm() {
            return distanceKm <= 0 ? BigDecimal.ZERO : cost.divide(BigDecimal.valueOf(distanceKm), 3, RoundingMode.HALF_UP);
        }
    }

    public record AlertCount(AlertKind kind, AlertSeverity severity, long count) {
    }

    /** Harsh braking/acceleration and overspeed alerts raised during a driver's trips, per 100 km driven. */
    public record DriverSafety(long driverId, String driverName, double distanceKm, long harshEvents, long overspeeds) {
        public double eventsPer100Km() {
            return distanceKm <= 0 ? 0 : 100.0 * (harshEvents + overspeeds) / distanceKm;
        }
    }

    private final JdbcClient jdbc;
    private final DashboardScope scope;
    private final AnalyticsCaches caches;
    private final String currency;

    FleetAnalytics(JdbcClient jdbc, DashboardScope scope, AnalyticsCaches caches,
                   @Value("${fleetdesk.analytics.currency:GBP}") String currency) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.caches = caches;
        this.currency = currency;
        caches.define(UTILISATION, AnalyticsCaches.Source.TRIPS, AnalyticsCaches.Source.POSITIONS);
        caches.define(VEHICLE_COSTS, AnalyticsCaches.Source.TRIPS);
        caches.define(MONTHLY, AnalyticsCaches.Source.TRIPS);
        caches.define(ALERTS, AnalyticsCaches.Source.ALERTS);
        caches.define(SAFETY, AnalyticsCaches.Source.TRIPS, AnalyticsCaches.Source.ALERTS);
    }

    /** The currency costs are summed in; trips in other currencies are left out of cost figures. */
    @org.springframework.security.access.prepost.PreAuthorize("isAuthenticated()")
    public String currency() {
        return currency;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<VehicleUtilisation> utilisation(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(UTILISATION, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        with v as (
                            select v.id, v.registration, v.depot_id, d.name as depot_name
                              from vehicle v join depot d on d.id = v.depot_id
                             where v.depot_id in (:depots) and v.status <> 'RETIRED'),
                        trip_days as (
                            select t.vehicle_id, (t.started_at at time zone :zone)::date as day, sum(t.distance_km) as km
                              from trip_log t
                             where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end
                             group by 1, 2),
                        moving_days as (
                            select v.id as vehicle_id, g.day
                              from v cross join lateral (select d::date as day
                                     from generate_series(cast(:from as date), cast(:to as date), interval '1 day') d) g
                             where not exists (select 1 from trip_days td where td.vehicle_id = v.id and td.day = g.day)
                               and exists (select 1 from vehicle_position p
                                            where p.vehicle_id = v.id and p.speed_kmh > 0
                                              and p.fix_time >= (g.day::timestamp at time zone :zone)
                                              and p.fix_time < ((g.day + 1)::timestamp at time zone :zone)))
                        select v.id, v.registration, v.depot_id, v.depot_name,
                               (select count(*) from trip_days td where td.vehicle_id = v.id)
                                 + (select count(*) from moving_days m where m.vehicle_id = v.id) as active_days,
                               coalesce((select sum(td.km) from trip_days td where td.vehicle_id = v.id), 0) as km
                          from v
                         order by v.depot_name, v.registration
                        """)
                .param("depots", q.depots()).param("zone", q.zone().getId()).param("start", q.start()).param("end", q.end())
                .param("from", q.from()).param("to", q.to())
                .query((rs, i) -> new VehicleUtilisation(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getInt(5), q.days(), rs.getDouble(6)))
                .list());
    }

    /** Utilisation per depot, from the per-vehicle figures (a few hundred rows at most). */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<DepotUtilisation> utilisationByDepot(AnalyticsFilter filter) {
        Map<Long, DepotUtilisation> byDepot = new LinkedHashMap<>();
        for (VehicleUtilisation v : utilisation(filter)) {
            byDepot.merge(v.depotId(), new DepotUtilisation(v.depotId(), v.depotName(), 1, v.activeDays(), v.days()),
                    (a, b) -> new DepotUtilisation(a.depotId(), a.depotName(), a.vehicles() + 1,
                            a.activeVehicleDays() + b.activeVehicleDays(), a.vehicleDays() + b.vehicleDays()));
        }
        return new ArrayList<>(byDepot.values());
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<VehicleCosts> vehicleCosts(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        // Fuel: one index-only probe per trip into the fuel receipts (trip_expense_fuel_ix), cheaper than joining all expenses.
        return caches.get(VEHICLE_COSTS, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        with t as (
                            select t.vehicle_id, count(*) as trips, sum(t.distance_km) as km, sum(t.co2_kg) as co2,
                                   coalesce(sum(t.total_cost) filter (where t.status <> 'REJECTED' and t.currency = :currency), 0) as cost,
                                   coalesce(sum((select sum(e.amount) from trip_expense e
                                                  where e.trip_id = t.id and e.expense_type = 'FUEL' and e.currency = :currency))
                                            filter (where t.status <> 'REJECTED'), 0) as fuel
                              from trip_log t
                             where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end
                             group by t.vehicle_id)
                        select v.id, v.registration, d.name, t.trips, t.km, t.co2, t.cost, t.fuel
                          from t join vehicle v on v.id = t.vehicle_id join depot d on d.id = v.depot_id
                         order by v.registration
                        """)
                .param("depots", q.depots()).param("start", q.start()).param("end", q.end()).param("currency", currency)
                .query((rs, i) -> new VehicleCosts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getBigDecimal(7), rs.getBigDecimal(8)))
                .list());
    }

    /**
     * Distance, CO₂ and cost per calendar month (months without trips are left out), from the
     * daily trip rollup {@code trip_day} (a few hundred rows a month instead of every trip).
     */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<FleetMonth> monthly(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(MONTHLY, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        select to_char(r.day, 'YYYY-MM') as month, sum(r.trips), sum(r.distance_km), sum(r.co2_kg),
                               coalesce(sum(r.total_cost) filter (where r.status <> 'REJECTED' and r.currency = :currency), 0)
                          from trip_day r
                         where r.depot_id in (:depots) and r.day >= :from and r.day <= :to and r.trips > 0
                         group by 1 order by 1
                        """)
                .param("depots", q.depots()).param("from", q.from()).param("to", q.to())
                .param("currency", currency)
                .query((rs, i) -> new FleetMonth(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getBigDecimal(5)))
                .list());
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<AlertCount> alerts(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(ALERTS, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        select a.kind, a.severity, count(*) from vehicle_alert a
                         where a.depot_id in (:depots) and a.raised_at >= :start and a.raised_at < :end
                         group by a.kind, a.severity order by a.kind, a.severity
                        """)
                .param("depots", q.depots()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new AlertCount(AlertKind.valueOf(rs.getString(1)), AlertSeverity.valueOf(rs.getString(2)), rs.getLong(3)))
                .list());
    }

    /**
     * Drivers who drove in the period, safest first (fewest events per 100 km, then most km). An
     * alert counts for the driver of the vehicle's trip under way when it was raised (the latest
     * trip started before it, if it had not ended yet): one index probe per alert.
     */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public List<DriverSafety> driverSafety(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(SAFETY, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        with d as (
                            select t.driver_id, sum(t.distance_km) as km
                              from trip_log t
                             where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end
                             group by t.driver_id),
                        ev as (
                            select t.driver_id,
                                   count(*) filter (where a.kind in ('HARSH_BRAKING','HARSH_ACCELERATION')) as harsh,
                                   count(*) filter (where a.kind = 'OVERSPEED') as overspeed
                              from vehicle_alert a
                              cross join lateral (select t.driver_id, t.ended_at from trip_log t
                                                   where t.vehicle_id = a.vehicle_id and t.started_at <= a.raised_at
                                                   order by t.started_at desc limit 1) t
                             where a.depot_id in (:depots) and a.raised_at >= :start and a.raised_at < :end
                               and a.kind in ('HARSH_BRAKING','HARSH_ACCELERATION','OVERSPEED') and t.ended_at >= a.raised_at
                             group by t.driver_id)
                        select d.driver_id, dr.first_name || ' ' || dr.last_name, d.km, coalesce(ev.harsh, 0), coalesce(ev.overspeed, 0)
                          from d join driver dr on dr.id = d.driver_id left join ev on ev.driver_id = d.driver_id
                         where d.km > 0
                         order by (coalesce(ev.harsh, 0) + coalesce(ev.overspeed, 0)) / d.km, d.km desc, 2
                        """)
                .param("depots", q.depots()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new DriverSafety(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5)))
                .list());
    }
}
