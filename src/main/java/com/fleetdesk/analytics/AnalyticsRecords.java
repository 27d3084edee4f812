package com.fleetdesk.analytics;

import com.fleetdesk.base.security.Authority;
import com.fleetdesk.telematics.AlertKind;
import com.fleetdesk.telematics.AlertSeverity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows behind a chart point (drill-down): trips, alerts and stock lines matching the
 * dashboard filter plus the point's own criteria, newest first, at most {@link #LIMIT} with
 * the total count. Not cached: they are read once when someone asks.
 */
@Service
public class AnalyticsRecords {

    public static final int LIMIT = 500;

    /** Which trips a chart point stands for; null fields do not narrow. */
    public record TripSelection(Long vehicleId, Long driverId, Long depotId, YearMonth month, String category, boolean claimedOnly,
                                boolean violationsOnly, boolean decidedOnly) {
        public static TripSelection all() {
            return new TripSelection(null, null, null, null, null, false, false, false);
        }
    }

    public record TripRecord(long tripId, Instant startedAt, String vehicle, String driver, String depot, String purpose,
                             String category, BigDecimal distanceKm, BigDecimal co2Kg, String currency, BigDecimal totalCost,
                             String status, String policyViolations, Instant submittedAt, Instant decidedAt) {
    }

    public record AlertRecord(long alertId, Instant raisedAt, String vehicle, String depot, AlertKind kind, AlertSeverity severity,
                              String status, String message) {
    }

    public record StockLine(String location, String partNumber, String partName, BigDecimal onHand, BigDecimal reserved,
                            BigDecimal reorderPoint, BigDecimal value) {
    }

    public record Page<T>(List<T> rows, long total) {
    }

    private final JdbcClient jdbc;
    private final DashboardScope scope;

    AnalyticsRecords(JdbcClient jdbc, DashboardScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF})
    @Transactional(readOnly = true)
    public Page<TripRecord> trips(AnalyticsFilter filter, TripSelection selection) {
        DashboardQuery q = scope.resolve(filter);
        if (q.noDepots()) {
            return new Page<>(List.of(), 0);
        }
        List<String> where = new ArrayList<>(List.of("t.depot_id in (:depots)"));
        String time = selection.decidedOnly() ? "t.decided_at" : "t.started_at";
        where.add(time + " >= :start and " + time + " < :end");
        if (selection.vehicleId() != null) {
            where.add("t.vehicle_id = :vehicle");
        }
        if (selection.driverId() != null) {
            where.add("t.driver_id = :driver");
        }
        if (selection.depotId() != null) {
            where.add("t.depot_id = :depot");
        }
        if (selection.month() != null) {
            where.add(time + " >= :monthStart and " + time + " < :monthEnd");
        }
        if (selection.category() != null) {
            where.add("t.category = :category");
        }
        if (selection.claimedOnly()) {
            where.add("t.status in ('SUBMITTED','APPROVED')");
        }
        if (selection.violationsOnly()) {
            where.add("t.policy_violations is not null and t.status <> 'DRAFT'");
        }
        if (selection.decidedOnly()) {
            where.add("t.status in ('APPROVED','REJECTED') and t.submitted_at is not null");
        }
        String condition = String.join(" and ", where);
        var count = bind(jdbc.sql("select count(*) from trip_log t where " + condition), q, selection);
        var rows = bind(jdbc.sql("""
                select t.id, t.started_at, t.vehicle_registration, t.driver_name, d.name, t.purpose, t.category, t.distance_km, t.co2_kg,
                       t.currency, t.total_cost, t.status, t.policy_violations, t.submitted_at, t.decided_at
                  from trip_log t join depot d on d.id = t.depot_id
                 where %s order by %s desc, t.id desc limit %d
                """.formatted(condition, time, LIMIT)), q, selection);
        List<TripRecord> list = rows.query((rs, i) -> new TripRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                rs.getString(10), rs.getBigDecimal(11), rs.getString(12), rs.getString(13),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant())).list();
        return new Page<>(list, count.query(Long.class).single());
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, DashboardQuery q, TripSelection s) {
        spec = spec.param("depots", q.depots()).param("start", q.start()).param("end", q.end());
        if (s.vehicleId() != null) {
            spec = spec.param("vehicle", s.vehicleId());
        }
        if (s.driverId() != null) {
            spec = spec.param("driver", s.driverId());
        }
        if (s.depotId() != null) {
            spec = spec.param("depot", s.depotId());
        }
        if (s.month() != null) {
            spec = spec.param("monthStart", s.month().atDay(1).atStartOfDay(q.zone()).toOffsetDateTime())
                    .param("monthEnd", s.month().plusMonths(1).atDay(1).atStartOfDay(q.zone()).toOffsetDateTime());
        }
        if (s.category() != null) {
            spec = spec.param("category", s.category());
        }
        return spec;
    }

    /** Alerts of the period, optionally of one kind and severity, or raised during one driver's trips. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public Page<AlertRecord> alerts(AnalyticsFilter filter, AlertKind kind, AlertSeverity severity, Long driverId) {
        DashboardQuery q = scope.resolve(filter);
        if (q.noDepots()) {
            return new Page<>(List.of(), 0);
        }
        List<String> where = new ArrayList<>(List.of("a.depot_id in (:depots)", "a.raised_at >= :start and a.raised_at < :end"));
        if (kind != null) {
            where.add("a.kind = :kind");
        }
        if (severity != null) {
            where.add("a.severity = :severity");
        }
        if (driverId != null) {
            where.add("a.kind in ('HARSH_BRAKING','HARSH_ACCELERATION','OVERSPEED')");
            where.add("exists (select 1 from trip_log t where t.vehicle_id = a.vehicle_id and t.driver_id = :driver"
                    + " and t.started_at <= a.raised_at and t.ended_at >= a.raised_at)");
        }
        String condition = String.join(" and ", where);
        java.util.function.UnaryOperator<JdbcClient.StatementSpec> bind = spec -> {
            spec = spec.param("depots", q.depots()).param("start", q.start()).param("end", q.end());
            if (kind != null) {
                spec = spec.param("kind", kind.name());
            }
            if (severity != null) {
                spec = spec.param("severity", severity.name());
            }
            return driverId == null ? spec : spec.param("driver", driverId);
        };
        long total = bind.apply(jdbc.sql("select count(*) from vehicle_alert a where " + condition)).query(Long.class).single();
        List<AlertRecord> rows = bind.apply(jdbc.sql("""
                select a.id, a.raised_at, a.vehicle_registration, d.name, a.kind, a.severity, a.status, a.message
                  from vehicle_alert a join depot d on d.id = a.depot_id
                 where %s order by a.raised_at desc, a.id desc limit %d
                """.formatted(condition, LIMIT)))
                .query((rs, i) -> new AlertRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        AlertKind.valueOf(rs.getString(5)), AlertSeverity.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8)))
                .list();
        return new Page<>(rows, total);
    }

    /** Which stock lines a chart point stands for; null fields do not narrow. */
    public record StockSelection(Long locationId, Long categoryId, Long partId, Level level) {
        public enum Level { ALL, OUT_OF_STOCK, BELOW_REORDER_POINT }

        public static StockSelection all() {
            return new StockSelection(null, null, null, Level.ALL);
        }
    }

    /** Stock lines now at the filter's locations (a depot's or all), largest value first. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public Page<StockLine> stock(AnalyticsFilter filter, StockSelection selection) {
        DashboardQuery q = scope.resolveUnscoped(filter);
        List<String> where = new ArrayList<>(List.of("true"));
        switch (selection.level()) {
            case OUT_OF_STOCK -> where.add("l.reorder_point > 0 and l.on_hand - l.reserved <= 0");
            case BELOW_REORDER_POINT -> where.add("l.reorder_point > 0 and l.on_hand - l.reserved > 0 and l.on_hand - l.reserved < l.reorder_point");
            case ALL -> { }
        }
        if (selection.locationId() != null) {
            where.add("l.location_id = :location");
        }
        if (selection.categoryId() != null) {
            where.add("coalesce(c.parent_id, c.id) = :category");
        }
        if (selection.partId() != null) {
            where.add("l.part_id = :part");
        }
        if (!q.noDepots()) {
            where.add("s.depot_id in (:depots)");
        }
        String condition = String.join(" and ", where);
        java.util.function.UnaryOperator<JdbcClient.StatementSpec> bind = spec -> {
            spec = spec.param("depots", q.depots());
            if (selection.locationId() != null) {
                spec = spec.param("location", selection.locationId());
            }
            if (selection.categoryId() != null) {
                spec = spec.param("category", selection.categoryId());
            }
            return selection.partId() == null ? spec : spec.param("part", selection.partId());
        };
        String from = " from stock_level l join part p on p.id = l.part_id join part_category c on c.id = p.category_id"
                + " join stock_location s on s.id = l.location_id where " + condition;
        long total = bind.apply(jdbc.sql("select count(*)" + from)).query(Long.class).single();
        List<StockLine> rows = bind.apply(jdbc.sql("select s.name, p.part_number, p.name, l.on_hand, l.reserved, l.reorder_point,"
                        + " l.on_hand * p.unit_cost as value" + from + " order by value desc, s.name, p.part_number limit " + LIMIT))
                .query((rs, i) -> new StockLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
        return new Page<>(rows, total);
    }
}
