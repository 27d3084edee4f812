package com.fleetdesk.trips;

import com.fleetdesk.fleet.DepotScope;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The trip grid's SQL: one indexed query per page (no count, no whole-table loads) and a
 * forward-only cursor for exports, so memory does not grow with the number of rows.
 */
@Component
class TripQueries {

    private static final String SELECT = """
            select t.id, t.started_at, t.ended_at, t.vehicle_registration, t.driver_name, t.depot_id, d.name as depot_name,
                   t.purpose, t.category, t.start_place, t.end_place, t.distance_km, t.co2_kg, t.total_cost, t.currency,
                   t.status, t.policy_violations, t.owner_username
              from trip_log t join depot d on d.id = t.depot_id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    /** Reads exports through a cursor; PostgreSQL honours the fetch size inside a transaction. */
    private final NamedParameterJdbcTemplate streaming;
    private final ZoneId zone;

    TripQueries(NamedParameterJdbcTemplate jdbc, javax.sql.DataSource dataSource,
                @org.springframework.beans.factory.annotation.Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.jdbc = jdbc;
        org.springframework.jdbc.core.JdbcTemplate cursor = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        cursor.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.zone = ZoneId.of(zone);
    }

    List<TripRow> page(TripFilter filter, TripAccessScope scope, List<TripSort> sort, int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = SELECT + where(filter, scope, params) + orderBy(sort) + " limit :limit offset :offset";
        params.addValue("limit", limit).addValue("offset", offset);
        return jdbc.query(sql, params, ROW);
    }

    long count(TripFilter filter, TripAccessScope scope) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long n = jdbc.queryForObject("select count(*) from trip_log t" + where(filter, scope, params), params, Long.class);
        return n == null ? 0 : n;
    }

    /** Streams every matching row to {@code sink} through a server-side cursor (fetch size 1000). */
    void stream(TripFilter filter, TripAccessScope scope, List<TripSort> sort, Consumer<TripRow> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = SELECT + where(filter, scope, params) + orderBy(sort);
        streaming.query(sql, params, (RowCallbackHandler) rs -> sink.accept(ROW.mapRow(rs, 0)));
    }

    private String where(TripFilter f, TripAccessScope scope, MapSqlParameterSource params) {
        List<String> where = new ArrayList<>();
        if (scope.driverId() != null) {
            where.add("t.driver_id = :scopeDriver");
            params.addValue("scopeDriver", scope.driverId());
        } else if (!scope.depots().allDepots()) {
            if (scope.depots().depotIds().isEmpty()) {
                where.add("false");
            } else {
                where.add("t.depot_id in (:scopeDepots)");
                params.addValue("scopeDepots", scope.depots().depotIds());
            }
        }
        if (f.from() != null) {
            where.add("t.started_at >= :from");
            params.addValue("from", Timestamp.from(f.from().atStartOfDay(zone).toInstant()));
        }
        if (f.to() != null) {
            where.add("t.started_at < :to");
            params.addValue("to", Timestamp.from(f.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            where.add("t.status in (:statuses)");
            params.addValue("statuses", f.statuses().stream().map(Enum::name).toList());
        }
        if (f.vehicleId() != null) {
            where.add("t.vehicle_id = :vehicle");
            params.addValue("vehicle", f.vehicleId());
        }
        if (f.driverId() != null) {
            where.add("t.driver_id = :driver");
            params.addValue("driver", f.driverId());
        }
        if (f.depotId() != null) {
            where.add("t.depot_id = :depot");
            params.addValue("depot", f.depotId());
        }
        String query = toTsQuery(f.text());
        if (query != null) {
            where.add("t.search_vector @@ to_tsquery('simple', :text)");
            params.addValue("text", query);
        }
        return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    /** Words become prefix terms that must all match: "leeds van" finds "Leeds depot run" by "Van 12". */
    static String toTsQuery(String text) {
        if (text == null) {
            return null;
        }
        String terms = java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isBlank())
                .limit(8)
                .map(w -> w + ":*")
                .collect(Collectors.joining(" & "));
        return terms.isEmpty() ? null : terms;
    }

    private static String orderBy(List<TripSort> sort) {
        List<TripSort> order = sort == null || sort.isEmpty() ? List.of(TripSort.newestFirst()) : sort;
        String columns = order.stream().map(s -> s.column().sql + (s.descending() ? " desc" : " asc")).collect(Collectors.joining(", "));
        boolean descending = order.getFirst().descending();
        return " order by " + columns + ", t.id" + (descending ? " desc" : " asc");
    }

    private static final RowMapper<TripRow> ROW = (rs, i) -> new TripRow(
            rs.getLong("id"),
            rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("ended_at").toInstant(),
            rs.getString("vehicle_registration"),
            rs.getString("driver_name"),
            rs.getLong("depot_id"),
            rs.getString("depot_name"),
            rs.getString("purpose"),
            TripCategory.valueOf(rs.getString("category")),
            rs.getString("start_place"),
            rs.getString("end_place"),
            rs.getBigDecimal("distance_km"),
            rs.getBigDecimal("co2_kg"),
            rs.getBigDecimal("total_cost"),
            rs.getString("currency"),
            TripStatus.valueOf(rs.getString("status")),
            rs.getString("policy_violations"),
            rs.getString("owner_username"));

    CostEstimate estimate(String vehicleType, double km, long seconds, String currency) {
        // Similar = same vehicle type, distance within 30 % and duration within 50 %; widen once if too few.
        CostEstimate estimate = percentiles(vehicleType, km, 0.3, seconds, 0.5, currency,
                "trips of similar distance and duration with the same vehicle type");
        if (estimate.similarTrips() < 5) {
            estimate = percentiles(vehicleType, km, 0.6, seconds, 10.0, currency,
                    "trips of roughly similar distance with the same vehicle type");
        }
        return estimate;
    }

    private CostEstimate percentiles(String vehicleType, double km, double kmTolerance, long seconds, double timeTolerance,
                                     String currency, String basis) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("type", vehicleType).addValue("currency", currency)
                .addValue("kmLow", km * (1 - kmTolerance)).addValue("kmHigh", km * (1 + kmTolerance))
                .addValue("secLow", seconds * Math.max(0, 1 - timeTolerance)).addValue("secHigh", seconds * (1 + timeTolerance));
        return jdbc.queryForObject("""
                select count(*) as n,
                       percentile_cont(0.1) within group (order by t.total_cost) as low,
                       percentile_cont(0.5) within group (order by t.total_cost) as typical,
                       percentile_cont(0.9) within group (order by t.total_cost) as high
                  from trip_log t join vehicle v on v.id = t.vehicle_id
                 where v.vehicle_type = :type and t.currency = :currency
                   and t.status in ('SUBMITTED', 'APPROVED') and t.total_cost > 0
                   and t.distance_km between :kmLow and :kmHigh
                   and extract(epoch from (t.ended_at - t.started_at)) between :secLow and :secHigh
                """, params, (rs, i) -> new CostEstimate(rs.getInt("n"),
                round(rs.getBigDecimal("low")), round(rs.getBigDecimal("typical")), round(rs.getBigDecimal("high")), currency, basis));
    }

    private static java.math.BigDecimal round(java.math.BigDecimal v) {
        return v == null ? null : v.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    void storeReceipt(long expenseId, byte[] content) {
        jdbc.update("insert into trip_receipt (expense_id, content) values (:id, :content)",
                new MapSqlParameterSource("id", expenseId).addValue("content", content));
    }

    byte[] receipt(long expenseId) {
        List<byte[]> found = jdbc.query("select content from trip_receipt where expense_id = :id",
                new MapSqlParameterSource("id", expenseId), (rs, i) -> rs.getBytes(1));
        return found.isEmpty() ? null : found.getFirst();
    }

    record TripAccessScope(DepotScope depots, Long driverId) {
    }
}
