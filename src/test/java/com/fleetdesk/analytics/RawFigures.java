package com.fleetdesk.analytics;

import com.fleetdesk.trips.TripCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The dashboard figures that read the daily rollups (and turnaround, which buckets months its
 * own way), computed instead straight from the trips and the stock ledger with the services'
 * queries from before, so tests can check that the faster queries give the same numbers.
 */
@Component
class RawFigures {

    private final JdbcClient jdbc;

    RawFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<FleetAnalytics.FleetMonth> monthly(DashboardQuery q, String currency) {
        return q.noDepots() ? List.of() : jdbc.sql("""
                        select to_char(t.started_at at time zone :zone, 'YYYY-MM') as month, count(*), sum(t.distance_km), sum(t.co2_kg),
                               coalesce(sum(t.total_cost) filter (where t.status <> 'REJECTED' and t.currency = :currency), 0)
                          from trip_log t
                         where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end
                         group by 1 order by 1
                        """)
                .param("depots", q.depots()).param("zone", q.zone().getId()).param("start", q.start()).param("end", q.end())
                .param("currency", currency)
                .query((rs, i) -> new FleetAnalytics.FleetMonth(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getBigDecimal(5)))
                .list();
    }

    List<TripAnalytics.Spend> spend(DashboardQuery q, String currency) {
        return q.noDepots() ? List.of() : jdbc.sql("""
                        with base as (
                            select t.depot_id, t.category, to_char(t.started_at at time zone :zone, 'YYYY-MM') as month, t.total_cost
                              from trip_log t
                             where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end
                               and t.status in ('SUBMITTED','APPROVED') and t.currency = :currency),
                        s as (
                            select depot_id, category, month, count(*) as trips, sum(total_cost) as amount,
                                   grouping(depot_id) as g_depot, grouping(category) as g_category
                              from base
                             group by grouping sets ((depot_id), (category), (month)))
                        select case when s.g_depot = 0 then 'DEPOT' when s.g_category = 0 then 'CATEGORY' else 'MONTH' end as dimension,
                               coalesce(cast(s.depot_id as varchar), s.category, s.month) as key,
                               coalesce(d.name, s.category, s.month) as label, s.trips, s.amount
                          from s left join depot d on d.id = s.depot_id and s.g_depot = 0
                         order by 1, case when s.g_depot = 0 or s.g_category = 0 then -s.amount end, s.month
                        """)
                .param("depots", q.depots()).param("zone", q.zone().getId()).param("start", q.start()).param("end", q.end())
                .param("currency", currency)
                .query((rs, i) -> {
                    var dimension = TripAnalytics.Dimension.valueOf(rs.getString(1));
                    String label = dimension == TripAnalytics.Dimension.CATEGORY ? TripCategory.valueOf(rs.getString(3)).label() : rs.getString(3);
                    return new TripAnalytics.Spend(dimension, rs.getString(2), label, rs.getLong(4), rs.getBigDecimal(5));
                })
                .list();
    }

    List<TripAnalytics.PolicyMonth> policyViolations(DashboardQuery q) {
        return q.noDepots() ? List.of() : jdbc.sql("""
                        select to_char(t.started_at at time zone :zone, 'YYYY-MM') as month, count(*),
                               count(*) filter (where t.policy_violations is not null)
                          from trip_log t
                         where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end and t.status <> 'DRAFT'
                         group by 1 order by 1
                        """)
                .param("depots", q.depots()).param("zone", q.zone().getId()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new TripAnalytics.PolicyMonth(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    List<TripAnalytics.Turnaround> turnaround(DashboardQuery q) {
        return q.noDepots() ? List.of() : jdbc.sql("""
                        select to_char(t.decided_at at time zone :zone, 'YYYY-MM') as month, count(*),
                               avg(h), percentile_cont(0.5) within group (order by h), percentile_cont(0.9) within group (order by h)
                          from trip_log t
                          cross join lateral (select extract(epoch from t.decided_at - t.submitted_at) / 3600.0 as h) x
                         where t.depot_id in (:depots) and t.decided_at >= :start and t.decided_at < :end
                           and t.submitted_at is not null and t.status in ('APPROVED','REJECTED')
                         group by 1 order by 1
                        """)
                .param("depots", q.depots()).param("zone", q.zone().getId()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new TripAnalytics.Turnaround(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5)))
                .list();
    }

    /** Issued value per top-level category in the period (turnover's numerator). */
    List<CategoryIssued> issuedByCategory(DashboardQuery q) {
        return jdbc.sql("""
                        select tc.name, sum(-m.quantity * p.unit_cost)
                          from stock_movement m join part p on p.id = m.part_id join part_category c on c.id = p.category_id
                          join part_category tc on tc.id = coalesce(c.parent_id, c.id)
                         where m.movement_type = 'ISSUE' and m.moved_at >= :start and m.moved_at < :end %s
                         group by tc.name order by 1
                        """.formatted(locations(q)))
                .param("depots", q.depots()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new CategoryIssued(rs.getString(1), rs.getBigDecimal(2)))
                .list();
    }

    record CategoryIssued(String category, BigDecimal value) {
    }

    List<InventoryAnalytics.Mover> topMovers(DashboardQuery q) {
        return jdbc.sql("""
                        select p.id, p.part_number, p.name, p.unit, m.quantity, m.quantity * p.unit_cost as value
                          from (select m.part_id, -sum(m.quantity) as quantity from stock_movement m
                                 where m.movement_type = 'ISSUE' and m.moved_at >= :start and m.moved_at < :end %s
                                 group by m.part_id) m
                          join part p on p.id = m.part_id
                         order by value desc, p.part_number limit 10
                        """.formatted(locations(q)))
                .param("depots", q.depots()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new InventoryAnalytics.Mover(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6)))
                .list();
    }

    List<InventoryAnalytics.WeeklyIssues> weeklyIssues(DashboardQuery q) {
        LocalDate firstWeek = q.from().minusDays(q.from().getDayOfWeek().getValue() - 1);
        LocalDate historyStart = firstWeek.minusWeeks(InventoryAnalytics.TRAILING_WEEKS);
        var historyFrom = historyStart.atStartOfDay(q.zone()).toOffsetDateTime();
        return jdbc.sql("""
                        with wp as (
                            select date_trunc('week', m.moved_at at time zone :zone)::date as week, m.part_id, -sum(m.quantity) as quantity
                              from stock_movement m
                             where m.movement_type = 'ISSUE' and m.moved_at >= :historyStart and m.moved_at < :end %s
                             group by 1, 2),
                        w as (
                            select wp.week, sum(wp.quantity * p.unit_cost) as value from wp join part p on p.id = wp.part_id group by 1),
                        weeks as (
                            select d::date as week from generate_series(cast(:historyDay as date), cast(:to as date), interval '1 week') d),
                        filled as (
                            select weeks.week, coalesce(w.value, 0) as value,
                                   avg(coalesce(w.value, 0)) over (order by weeks.week rows between %d preceding and 1 preceding) as trailing_average
                              from weeks left join w on w.week = weeks.week)
                        select week, value, trailing_average from filled where week >= cast(:firstWeek as date) order by week
                        """.formatted(locations(q), InventoryAnalytics.TRAILING_WEEKS))
                .param("depots", q.depots()).param("zone", q.zone().getId()).param("historyStart", historyFrom)
                .param("end", q.end()).param("historyDay", historyStart).param("to", q.to()).param("firstWeek", firstWeek)
                .query((rs, i) -> new InventoryAnalytics.WeeklyIssues(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2),
                        rs.getBigDecimal(3) == null ? BigDecimal.ZERO : rs.getBigDecimal(3).setScale(2, RoundingMode.HALF_UP)))
                .list();
    }

    /** Rows of {@code trip_day} that differ from a fresh aggregation of the trips, in either direction. */
    long tripDayDifferences() {
        return jdbc.sql("""
                with kept as (
                    select depot_id, day, status, currency, category, with_violations, trips, distance_km, co2_kg, total_cost
                      from trip_day where trips <> 0 or distance_km <> 0 or co2_kg <> 0 or total_cost <> 0),
                fresh as (
                    select depot_id, (started_at at time zone (select zone from analytics_rollup_zone))::date, status, currency, category,
                           policy_violations is not null, count(*), sum(distance_km), sum(co2_kg), sum(total_cost)
                      from trip_log group by 1, 2, 3, 4, 5, 6)
                select (select count(*) from (select * from kept except all select * from fresh) a)
                     + (select count(*) from (select * from fresh except all select * from kept) b)
                """).query(Long.class).single();
    }

    /** Rows of {@code stock_issue_day} that differ from a fresh aggregation of the ledger's issues, in either direction. */
    long stockIssueDayDifferences() {
        return jdbc.sql("""
                with fresh as (
                    select (moved_at at time zone (select zone from analytics_rollup_zone))::date, location_id, part_id, -sum(quantity)
                      from stock_movement where movement_type = 'ISSUE' group by 1, 2, 3)
                select (select count(*) from (select day, location_id, part_id, quantity from stock_issue_day except all select * from fresh) a)
                     + (select count(*) from (select * from fresh except all select day, location_id, part_id, quantity from stock_issue_day) b)
                """).query(Long.class).single();
    }

    private static String locations(DashboardQuery q) {
        return q.noDepots() ? "" : " and m.location_id in (select id from stock_location where depot_id in (:depots))";
    }
}
