package com.fleetdesk.analytics;

import com.fleetdesk.base.security.Authority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The inventory dashboard's numbers: stock value by location and category, turnover, stock-outs,
 * top movers and weekly issues against a trailing average, each one SQL aggregate cached per
 * filter. Values use each part's current unit cost (the ledger records quantities, not prices).
 * There is no demand forecast yet: the "expected" line is the average of the four weeks before.
 * Issued quantities come from {@code stock_issue_day}, the ledger's issues summed per day,
 * location and part by a trigger on the ledger (changeset 0014), not from the ledger itself.
 */
@Service
public class InventoryAnalytics {

    static final String VALUE = "analytics.inventory.value";
    static final String TURNOVER = "analytics.inventory.turnover";
    static final String STOCK_OUTS = "analytics.inventory.stock-outs";
    static final String MOVERS = "analytics.inventory.top-movers";
    static final String WEEKLY = "analytics.inventory.weekly-issues";
    static final int TRAILING_WEEKS = 4;

    public enum Dimension { LOCATION, CATEGORY }

    public record StockValue(Dimension dimension, long id, String name, BigDecimal value) {
    }

    /** Issued value in the period against the stock value now, and that ratio per year. */
    public record Turnover(String category, BigDecimal issuedValue, BigDecimal stockValue, double turnsPerYear) {
    }

    /** Stock lines of a location with nothing available, and with less than the reorder point. */
    public record StockOuts(long locationId, String location, long outOfStock, long belowReorderPoint) {
    }

    public record Mover(long partId, String partNumber, String partName, String unit, BigDecimal quantity, BigDecimal value) {
    }

    /** Value issued in a week (starting Monday) and the average of the weeks before it. */
    public record WeeklyIssues(LocalDate week, BigDecimal issuedValue, BigDecimal trailingAverage) {
    }

    private final JdbcClient jdbc;
    private final DashboardScope scope;
    private final AnalyticsCaches caches;
    private final String currency;

    InventoryAnalytics(JdbcClient jdbc, DashboardScope scope, AnalyticsCaches caches,
                       @org.springframework.beans.factory.annotation.Value("${fleetdesk.analytics.currency:GBP}") String currency) {
        this.jdbc = jdbc;
        this.currency = currency;
        this.scope = scope;
        this.caches = caches;
        caches.define(VALUE, AnalyticsCaches.Source.STOCK);
        caches.define(TURNOVER, AnalyticsCaches.Source.STOCK);
        caches.define(STOCK_OUTS, AnalyticsCaches.Source.STOCK);
        caches.define(MOVERS, AnalyticsCaches.Source.STOCK);
        caches.define(WEEKLY, AnalyticsCaches.Source.STOCK);
    }

    /** The currency part costs are recorded in. */
    @org.springframework.security.access.prepost.PreAuthorize("isAuthenticated()")
    public String currency() {
        return currency;
    }

    /** Depots that have stock locations: the inventory dashboard's depot filter (a narrowing, not a permission). */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<DepotChoice> stockDepots() {
        return jdbc.sql("select d.id, d.name from depot d where exists (select 1 from stock_location s where s.depot_id = d.id) order by d.name")
                .query((rs, i) -> new DepotChoice(rs.getLong(1), rs.getString(2))).list();
    }

    /** Stock value now, by location and by top-level category, largest first. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<StockValue> value(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolveUnscoped(filter);
        return caches.get(VALUE, q, () -> jdbc.sql("""
                        with base as (
                            select l.location_id, coalesce(c.parent_id, c.id) as category_id, l.on_hand * p.unit_cost as value
                              from stock_level l join part p on p.id = l.part_id join part_category c on c.id = p.category_id
                             where true %s),
                        s as (
                            select location_id, category_id, sum(value) as value, grouping(location_id) as g_location
                              from base group by grouping sets ((location_id), (category_id)))
                        select case when s.g_location = 0 then 'LOCATION' else 'CATEGORY' end, coalesce(s.location_id, s.category_id),
                               coalesce(sl.name, pc.name), s.value
                          from s left join stock_location sl on sl.id = s.location_id and s.g_location = 0
                          left join part_category pc on pc.id = s.category_id and s.g_location = 1
                         order by 1 desc, s.value desc, 3
                        """.formatted(locations("l.location_id", q)))
                .param("depots", q.depots())
                .query((rs, i) -> new StockValue(Dimension.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4)))
                .list());
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    public List<StockValue> value(AnalyticsFilter filter, Dimension dimension) {
        return value(filter).stream().filter(v -> v.dimension() == dimension).toList();
    }

    /** Turnover per top-level category: value issued in the period over stock value, per year. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<Turnover> turnover(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolveUnscoped(filter);
        return caches.get(TURNOVER, q, () -> jdbc.sql("""
                        with stock as (
                            select coalesce(c.parent_id, c.id) as category_id, sum(l.on_hand * p.unit_cost) as value
                              from stock_level l join part p on p.id = l.part_id join part_category c on c.id = p.category_id
                             where true %s group by 1),
                        issued_parts as (
                            select d.part_id, sum(d.quantity) as quantity from stock_issue_day d
                             where d.day >= :from and d.day <= :to %s
                             group by d.part_id),
                        issued as (
                            select coalesce(c.parent_id, c.id) as category_id, sum(i.quantity * p.unit_cost) as value
                              from issued_parts i join part p on p.id = i.part_id join part_category c on c.id = p.category_id
                             group by 1)
                        select tc.name, coalesce(issued.value, 0), coalesce(stock.value, 0)
                          from part_category tc
                          left join stock on stock.category_id = tc.id left join issued on issued.category_id = tc.id
                         where tc.parent_id is null and (stock.value > 0 or issued.value > 0)
                         order by 1
                        """.formatted(locations("l.location_id", q), locations("d.location_id", q)))
                .param("depots", q.depots()).param("from", q.from()).param("to", q.to())
                .query((rs, i) -> {
                    BigDecimal issued = rs.getBigDecimal(2);
                    BigDecimal stock = rs.getBigDecimal(3);
                    double turns = stock.signum() == 0 ? 0 : issued.doubleValue() / stock.doubleValue() * 365.0 / q.days();
                    return new Turnover(rs.getString(1), issued, stock, turns);
                })
                .list());
    }

    /** Stock-outs now (nothing available of a part that has a reorder point), per location. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<StockOuts> stockOuts(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolveUnscoped(filter);
        return caches.get(STOCK_OUTS, q, () -> jdbc.sql("""
                        select s.id, s.name,
                               count(*) filter (where l.on_hand - l.reserved <= 0),
                               count(*) filter (where l.on_hand - l.reserved > 0 and l.on_hand - l.reserved < l.reorder_point)
                          from stock_level l join stock_location s on s.id = l.location_id
                         where l.reorder_point > 0 %s
                         group by s.id, s.name order by s.name
                        """.formatted(locations("l.location_id", q)))
                .param("depots", q.depots())
                .query((rs, i) -> new StockOuts(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list());
    }

    /** The ten parts issued most in the period, by value. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<Mover> topMovers(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolveUnscoped(filter);
        return caches.get(MOVERS, q, () -> jdbc.sql("""
                        select p.id, p.part_number, p.name, p.unit, m.quantity, m.quantity * p.unit_cost as value
                          from (select d.part_id, sum(d.quantity) as quantity from stock_issue_day d
                                 where d.day >= :from and d.day <= :to %s
                                 group by d.part_id) m
                          join part p on p.id = m.part_id
                         order by value desc, p.part_number limit 10
                        """.formatted(locations("d.location_id", q)))
                .param("depots", q.depots()).param("from", q.from()).param("to", q.to())
                .query((rs, i) -> new Mover(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6)))
                .list());
    }

    /** Issued value per week of the period, with the average of the {@value #TRAILING_WEEKS} weeks before each. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<WeeklyIssues> weeklyIssues(AnalyticsFilter filter) {
        DashboardQuery q = scope.resolveUnscoped(filter);
        LocalDate firstWeek = q.from().minusDays(q.from().getDayOfWeek().getValue() - 1);
        LocalDate historyStart = firstWeek.minusWeeks(TRAILING_WEEKS);
        return caches.get(WEEKLY, q, () -> jdbc.sql("""
                        with wp as (
                            select date_trunc('week', d.day::timestamp)::date as week, d.part_id, sum(d.quantity) as quantity
                              from stock_issue_day d
                             where d.day >= cast(:historyDay as date) and d.day <= cast(:to as date) %s
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
                        """.formatted(locations("d.location_id", q), TRAILING_WEEKS))
                .param("depots", q.depots()).param("historyDay", historyStart).param("to", q.to()).param("firstWeek", firstWeek)
                .query((rs, i) -> new WeeklyIssues(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2),
                        rs.getBigDecimal(3) == null ? BigDecimal.ZERO : rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP)))
                .list());
    }

    /** Narrows to the depot's stock locations when the filter names a depot. */
    private static String locations(String column, DashboardQuery q) {
        return q.noDepots() ? "" : " and " + column + " in (select id from stock_location where depot_id in (:depots))";
    }
}
