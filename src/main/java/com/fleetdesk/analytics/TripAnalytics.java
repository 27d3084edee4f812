package com.fleetdesk.analytics;

import com.fleetdesk.base.security.Authority;
import com.fleetdesk.trips.TripCategory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trips dashboard's numbers: claimed spend by depot, category and month, how long
 * approvals take, and policy violations, each one SQL aggregate cached per filter. Spend and
 * violations read {@code trip_day}, the trips summed per start day by a trigger (changeset 0014).
 */
@Service
public class TripAnalytics {

    static final String SPEND = "analytics.trips.spend";
    static final String TURNAROUND = "analytics.trips.turnaround";
    static final String POLICY = "analytics.trips.policy";
    static final String POLICY_RULES = "analytics.trips.policy-rules";

    public enum Dimension { DEPOT, CATEGORY, MONTH }

    /**
     * Claimed spend (submitted and approved trips, in the fleet currency) for one depot,
     * category or month; {@code key} is the depot id, category name or yyyy-MM.
     */
    public record Spend(Dimension dimension, String key, String label, long trips, BigDecimal amount) {
    }

    /** Hours from submission to decision for the trips decided in a month. */
    public record Turnaround(YearMonth month, long decided, double averageHours, double medianHours, double p90Hours) {
    }

    public record PolicyMonth(YearMonth month, long trips, long withViolations) {
        public double share() {
            return trips == 0 ? 0 : 100.0 * withViolations / trips;
        }
    }

    public record PolicyRuleCount(String rule, long violations) {
    }

    private final JdbcClient jdbc;
    private final DashboardScope scope;
    private final AnalyticsCaches caches;
    private final String currency;

    TripAnalytics(JdbcClient jdbc, DashboardScope scope, AnalyticsCaches caches,
                  @Value("${fleetdesk.analytics.currency:GBP}") String currency) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.caches = caches;
        this.currency = currency;
        caches.define(SPEND, AnalyticsCaches.Source.TRIPS);
        caches.define(TURNAROUND, AnalyticsCaches.Source.TRIPS);
        caches.define(POLICY, AnalyticsCaches.Source.TRIPS);
        caches.define(POLICY_RULES, AnalyticsCaches.Source.TRIPS);
    }

    @org.springframework.security.access.prepost.PreAuthorize("isAuthenticated()")
    public String currency() {
        return currency;
    }

    /** Spend grouped three ways in one pass (grouping sets), largest first within each dimension. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.OFFICE_STAFF})
    @Transactional(readOnly = true)
    public List<Spend> spend(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(SPEND, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        with base as (
                            select r.depot_id, r.category, to_char(r.day, 'YYYY-MM') as month, r.trips, r.total_cost
                              from trip_day r
                             where r.depot_id in (:depots) and r.day >= :from and r.day <= :to and r.trips > 0
                               and r.status in ('SUBMITTED','APPROVED') and r.currency = :currency),
                        s as (
                            select depot_id, category, month, sum(trips) as trips, sum(total_cost) as amount,
                                   grouping(depot_id) as g_depot, grouping(category) as g_category
                              from base
                             group by grouping sets ((depot_id), (category), (month)))
                        select case when s.g_depot = 0 then 'DEPOT' when s.g_category = 0 then 'CATEGORY' else 'MONTH' end as dimension,
                               coalesce(cast(s.depot_id as varchar), s.category, s.month) as key,
                               coalesce(d.name, s.category, s.month) as label, s.trips, s.amount
                          from s left join depot d on d.id = s.depot_id and s.g_depot = 0
                         order by 1, case when s.g_depot = 0 or s.g_category = 0 then -s.amount end, s.month
                        """)
                .param("depots", q.depots()).param("from", q.from()).param("to", q.to()).param("currency", currency)
                .query((rs, i) -> {
                    Dimension dimension = Dimension.valueOf(rs.getString(1));
                    String label = dimension == Dimension.CATEGORY ? TripCategory.valueOf(rs.getString(3)).label() : rs.getString(3);
                    return new Spend(dimension, rs.getString(2), label, rs.getLong(4), rs.getBigDecimal(5));
                })
                .list());
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.OFFICE_STAFF})
    public List<Spend> spend(AnalyticsFilter filter, Dimension dimension) {
        return spend(filter).stream().filter(s -> s.dimension() == dimension).toList();
    }

    /**
     * Per month of decision: how long decided trips waited since they were submitted. Medians
     * cannot be summed up in advance, so this reads the decisions themselves (index only); each
     * is put in its month by comparing with the month starts (width_bucket) rather than by
     * converting every timestamp to local time, and hours are float8 (date_part), not numeric.
     */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.OFFICE_STAFF})
    @Transactional(readOnly = true)
    public List<Turnaround> turnaround(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        List<YearMonth> months = Stream.iterate(YearMonth.from(q.from()), m -> !m.isAfter(YearMonth.from(q.to())), m -> m.plusMonths(1))
                .toList();
        List<OffsetDateTime> monthStarts = months.stream().map(m -> m.atDay(1).atStartOfDay(q.zone()).toOffsetDateTime()).toList();
        return caches.get(TURNAROUND, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        select width_bucket(t.decided_at, cast(array[:monthStarts] as timestamptz[])) as month, count(*),
                               avg(h), percentile_cont(0.5) within group (order by h), percentile_cont(0.9) within group (order by h)
                          from trip_log t
                          cross join lateral (select date_part('epoch', t.decided_at - t.submitted_at) / 3600 as h) x
                         where t.depot_id in (:depots) and t.decided_at >= :start and t.decided_at < :end
                           and t.submitted_at is not null and t.status in ('APPROVED','REJECTED')
                         group by 1 order by 1
                        """)
                .param("depots", q.depots()).param("monthStarts", monthStarts).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new Turnaround(months.get(rs.getInt(1) - 1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5)))
                .list());
    }

    /** Per month: trips past the draft stage and how many of them broke an expense rule. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.OFFICE_STAFF})
    @Transactional(readOnly = true)
    public List<PolicyMonth> policyViolations(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(POLICY, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        select to_char(r.day, 'YYYY-MM') as month, sum(r.trips), coalesce(sum(r.trips) filter (where r.with_violations), 0)
                          from trip_day r
                         where r.depot_id in (:depots) and r.day >= :from and r.day <= :to and r.status <> 'DRAFT' and r.trips > 0
                         group by 1 order by 1
                        """)
                .param("depots", q.depots()).param("from", q.from()).param("to", q.to())
                .query((rs, i) -> new PolicyMonth(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3)))
                .list());
    }

    /** Violations by the kind of rule broken (a trip may break several). */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.OFFICE_STAFF})
    @Transactional(readOnly = true)
    public List<PolicyRuleCount> violationsByRule(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolve(filter);
        return caches.get(POLICY_RULES, q, () -> q.noDepots() ? List.of() : jdbc.sql("""
                        select case when r like '% expense of % is over the cap of %' then 'Expense type cap'
                                    when r like 'Trip cost % is over the maximum of %' then 'Maximum trip cost'
                                    when r like 'Fuel and toll of %' then 'Fuel and toll per km'
                                    else 'Other rule' end as rule, count(*)
                          from trip_log t cross join lateral unnest(string_to_array(t.policy_violations, '; ')) r
                         where t.depot_id in (:depots) and t.started_at >= :start and t.started_at < :end and t.status <> 'DRAFT'
                           and t.policy_violations is not null
                         group by 1 order by 2 desc, 1
                        """)
                .param("depots", q.depots()).param("start", q.start()).param("end", q.end())
                .query((rs, i) -> new PolicyRuleCount(rs.getString(1), rs.getLong(2)))
                .list());
    }
}
