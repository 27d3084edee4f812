package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading stock: the stock grid page by page, locations, categories, parts and lots. Everyone
 * who works with parts (warehouse, technicians, fleet managers, administrators) sees the stock
 * of every location, so they know where a part can be found; changes are scoped in {@link StockLedger}.
 */
@Service
public class StockService {

    private static final String SELECT = """
            select l.part_id, p.part_number, p.name as part_name, p.unit, p.barcode, c.name as category, l.location_id,
                   s.name as location_name, l.on_hand, l.reserved, l.reorder_point, l.critical_point, l.bin,
                   (select coalesce(sum(t.on_hand), 0) from stock_lot t where t.part_id = l.part_id and t.location_id = l.location_id
                       and t.expiry_date < cast(:today as date)) as expired
              from stock_level l join part p on p.id = l.part_id join stock_location s on s.id = l.location_id
              join part_category c on c.id = p.category_id
            """;
    private static final RowMapper<StockRow> ROW = (rs, i) -> new StockRow(rs.getLong("part_id"), rs.getString("part_number"),
            rs.getString("part_name"), Unit.valueOf(rs.getString("unit")), rs.getString("barcode"), rs.getString("category"),
            rs.getLong("location_id"), rs.getString("location_name"), rs.getBigDecimal("on_hand"), rs.getBigDecimal("reserved"),
            rs.getBigDecimal("reorder_point"), rs.getBigDecimal("critical_point"), rs.getString("bin"), rs.getBigDecimal("expired"));
    private static final RowMapper<PartInfo> PART = (rs, i) -> new PartInfo(rs.getLong("id"), rs.getString("part_number"),
            rs.getString("name"), Unit.valueOf(rs.getString("unit")), rs.getString("barcode"), rs.getBoolean("lot_tracked"),
            rs.getLong("category_id"), rs.getBigDecimal("unit_cost"));

    private static final String PARTS = "select p.id, p.part_number, p.name, p.unit, p.barcode, p.lot_tracked, p.category_id, p.unit_cost from part p";

    private final NamedParameterJdbcTemplate jdbc;
    private final java.time.ZoneId zone;

    StockService(NamedParameterJdbcTemplate jdbc, @org.springframework.beans.factory.annotation.Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.jdbc = jdbc;
        this.zone = java.time.ZoneId.of(zone);
    }

    /** Today where the fleet works: lots expire by the local date, as the ledger checks them. */
    private java.time.LocalDate today() {
        return java.time.LocalDate.now(zone);
    }

    /** Parts moved most (issued, transferred out, adjusted down) in the last {@code days} days, with the quantity moved. */
    public record Mover(long partId, String partNumber, String partName, Unit unit, BigDecimal quantity) {
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<Mover> topMovers(int days, int limit) {
        if (days < 1 || days > 366 || limit < 1 || limit > 100) {
            throw new InvalidInputException("Ask for 1 to 366 days and 1 to 100 parts");
        }
        return jdbc.query("""
                        select p.id, p.part_number, p.name, p.unit, m.moved from (
                            select part_id, -sum(quantity) as moved from stock_movement
                             where moved_at >= now() - make_interval(days => :days) and quantity < 0
                               and movement_type in ('ISSUE','TRANSFER_OUT','ADJUSTMENT')
                             group by part_id order by moved desc limit :limit) m
                          join part p on p.id = m.part_id order by m.moved desc, p.part_number
                        """, new MapSqlParameterSource("days", days).addValue("limit", limit),
                (rs, i) -> new Mover(rs.getLong(1), rs.getString(2), rs.getString(3), Unit.valueOf(rs.getString(4)), rs.getBigDecimal(5)));
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<StockRow> page(StockFilter filter, int offset, int limit) {
        if (limit < 0 || limit > 1000 || offset < 0) {
            throw new InvalidInputException("Ask for at most 1000 stock lines from a non-negative offset");
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", limit).addValue("offset", offset).addValue("today", today());
        withSubCategories(filter, params);
        return jdbc.query(SELECT + where(filter, params) + " order by p.part_number, s.name limit :limit offset :offset", params, ROW);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public Optional<StockRow> level(long partId, long locationId) {
        return jdbc.query(SELECT + " where l.part_id = :part and l.location_id = :location",
                new MapSqlParameterSource("part", partId).addValue("location", locationId).addValue("today", today()), ROW).stream().findFirst();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<StockLocationInfo> locations() {
        return jdbc.query("select id, kind, name, region, depot_id, manager_username from stock_location order by kind desc, name",
                (rs, i) -> new StockLocationInfo(rs.getLong(1), LocationKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getString(6)));
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<CategoryInfo> categories() {
        return jdbc.query("""
                        with recursive tree(id, name, parent_id, path) as (
                            select id, name, parent_id, name::text from part_category where parent_id is null
                            union all
                            select c.id, c.name, c.parent_id, tree.path || ' › ' || c.name from part_category c join tree on c.parent_id = tree.id)
                        select id, name, parent_id, path from tree order by path
                        """, (rs, i) -> new CategoryInfo(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4)));
    }

    /** Parts whose number or name contains {@code text}, or whose barcode is {@code text}, by part number. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<PartInfo> parts(String text, int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", Math.min(limit, 1000)).addValue("offset", offset);
        String where = "";
        if (text != null && !text.isBlank()) {
            where = " where p.part_number ilike :like or p.name ilike :like or p.barcode = :exact";
            params.addValue("like", like(text)).addValue("exact", text.strip());
        }
        return jdbc.query(PARTS + where
                + " order by p.part_number limit :limit offset :offset", params, PART);
    }

    /** One part of the catalogue, or empty when there is none with this id. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public Optional<PartInfo> part(long id) {
        return jdbc.query(PARTS + " where p.id = :id", new MapSqlParameterSource("id", id), PART).stream().findFirst();
    }

    /** The part a scanner read: an exact barcode match, or failing that an exact part number. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public Optional<PartInfo> partByCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query(PARTS + " where p.barcode = :code or upper(p.part_number) = upper(:code) order by (p.barcode = :code) desc nulls last limit 1",
                new MapSqlParameterSource("code", code.strip()), PART).stream().findFirst();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<LotInfo> lots(long partId, long locationId) {
        return jdbc.query("""
                        select lot_number, expiry_date, on_hand, coalesce(expiry_date < cast(:today as date), false) from stock_lot
                         where part_id = :part and location_id = :location and on_hand > 0 order by expiry_date nulls last, lot_number
                        """, new MapSqlParameterSource("part", partId).addValue("location", locationId).addValue("today", today()),
                (rs, i) -> new LotInfo(rs.getString(1), rs.getObject(2, java.time.LocalDate.class), rs.getBigDecimal(3), rs.getBoolean(4)));
    }


    /** Stock value (on hand × unit cost) per location or per top-level category. */
    public record StockValue(long id, String name, BigDecimal value, long lines) {
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<StockValue> valueByLocation() {
        return jdbc.query("""
                        select s.id, s.name, coalesce(sum(l.on_hand * p.unit_cost), 0) as value, count(l.id) as lines
                          from stock_location s left join stock_level l on l.location_id = s.id left join part p on p.id = l.part_id
                         group by s.id, s.name order by value desc, s.name
                        """, (rs, i) -> new StockValue(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP), rs.getLong(4)));
    }

    /** Value per top-level category (sub-categories roll up into their root). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<StockValue> valueByCategory(Long locationId) {
        return jdbc.query("""
                        with recursive tree(id, root) as (
                            select id, id from part_category where parent_id is null
                            union all select c.id, tree.root from part_category c join tree on c.parent_id = tree.id)
                        select r.id, r.name, coalesce(sum(l.on_hand * p.unit_cost), 0) as value, count(l.id) as lines
                          from stock_level l join part p on p.id = l.part_id join tree t on t.id = p.category_id
                          join part_category r on r.id = t.root
                         where cast(:location as bigint) is null or l.location_id = :location
                         group by r.id, r.name order by value desc, r.name
                        """, new MapSqlParameterSource("location", locationId),
                (rs, i) -> new StockValue(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP), rs.getLong(4)));
    }

    /** The live low-stock list: lines at or below their reorder point, out of stock first, then critical, then low (by part, in catalogue order). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<StockRow> shortages(Long locationId, int offset, int limit) {
        if (limit < 0 || limit > 1000 || offset < 0) {
            throw new InvalidInputException("Ask for at most 1000 stock lines from a non-negative offset");
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", limit).addValue("offset", offset)
                .addValue("today", today()).addValue("location", locationId);
        return jdbc.query(SELECT + """
                 where l.on_hand - l.reserved <= l.reorder_point and (l.reorder_point > 0 or l.on_hand - l.reserved <= 0)
                   and (cast(:location as bigint) is null or l.location_id = :location)
                 order by case when l.on_hand - l.reserved <= 0 then 0 when l.on_hand - l.reserved <= l.critical_point then 1 else 2 end,
                          l.part_id, l.location_id limit :limit offset :offset
                """, params, ROW);
    }

    /** Every stock line matching the filter, read from a database cursor (for the export). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public void forEach(StockFilter filter, java.util.function.Consumer<StockRow> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("today", today());
        withSubCategories(filter, params);
        String sql = SELECT + where(filter, params) + " order by p.part_number, s.name";
        jdbc.getJdbcTemplate().query(con -> {
            var ps = con.prepareStatement(org.springframework.jdbc.core.namedparam.NamedParameterUtils.substituteNamedParameters(sql, params),
                    java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(2000);
            Object[] values = org.springframework.jdbc.core.namedparam.NamedParameterUtils.buildValueArray(sql, params.getValues());
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> sink.accept(ROW.mapRow(rs, 0)));
    }

    /** The category and all below it, read first: a plain id list gives the planner real estimates (a recursive subquery does not). */
    private void withSubCategories(StockFilter filter, MapSqlParameterSource params) {
        if (filter.categoryId() != null) {
            params.addValue("categories", jdbc.queryForList("""
                    with recursive sub(id) as (select cast(:category as bigint)
                        union all select c.id from part_category c join sub on c.parent_id = sub.id) select id from sub
                    """, new MapSqlParameterSource("category", filter.categoryId()), Long.class));
        }
    }

    private static String where(StockFilter f, MapSqlParameterSource params) {
        List<String> where = new ArrayList<>();
        if (f.locationId() != null) {
            where.add("l.location_id = :location");
            params.addValue("location", f.locationId());
        }
        if (f.partId() != null) {
            where.add("l.part_id = :part");
            params.addValue("part", f.partId());
        }
        if (f.categoryId() != null) {
            where.add("p.category_id in (:categories)");
            params.addValue("categories", params.hasValue("categories") ? params.getValue("categories") : List.of(f.categoryId()));
        }
        if (f.status() != null) {
            where.add(switch (f.status()) {
                case OUT -> "l.on_hand - l.reserved <= 0";
                case CRITICAL -> "l.on_hand - l.reserved > 0 and l.on_hand - l.reserved <= l.critical_point";
                case LOW -> "l.on_hand - l.reserved > l.critical_point and l.on_hand - l.reserved > 0 and l.on_hand - l.reserved <= l.reorder_point";
                case OK -> "l.on_hand - l.reserved > 0 and l.on_hand - l.reserved > l.reorder_point";
            });
        }
        if (f.text() != null && !f.text().isBlank()) {
            where.add("(p.part_number ilike :like or p.name ilike :like or p.barcode = :exact)");
            params.addValue("like", like(f.text())).addValue("exact", f.text().strip());
        }
        return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    private static String like(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
