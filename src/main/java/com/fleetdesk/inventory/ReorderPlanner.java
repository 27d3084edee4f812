package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demand forecasts and reorder suggestions. Daily ISSUE quantities of the last
 * {@value #HISTORY_DAYS} days per part × location feed a {@link DemandForecast}. A part needs
 * ordering when what is available plus what is on order, minus the forecast demand over the
 * preferred supplier's lead time, falls below the reorder point; the suggestion fills up to the
 * maximum level (twice the reorder point when no maximum is set). The preferred supplier is the
 * one with the shortest lead time, then the lowest price.
 */
@Service
public class ReorderPlanner {

    static final int HISTORY_DAYS = 90;

    private final JdbcClient jdbc;
    private final PurchaseOrderService orders;
    private final ZoneId zone;

    ReorderPlanner(JdbcClient jdbc, PurchaseOrderService orders, @Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.zone = ZoneId.of(zone);
    }

    /** The daily issue history (oldest first, {@value #HISTORY_DAYS} days up to yesterday) of a part at a location. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public double[] history(long partId, long locationId) {
        return histories(List.of(locationId), partId).getOrDefault(key(partId, locationId), new double[HISTORY_DAYS]);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public DemandForecast forecast(long partId, long locationId, int horizonDays) {
        requireHorizon(horizonDays);
        return DemandForecast.of(history(partId, locationId), horizonDays);
    }

    /**
     * Forecasts for the parts at the location (all locations when null) that were issued in the
     * history window or are at or below their reorder point; those needing an order first.
     */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<ReorderSuggestion> suggestions(Long locationId, int horizonDays, boolean onlyNeeded) {
        requireHorizon(horizonDays);
        List<Long> locations = locationId != null ? List.of(locationId)
                : jdbc.sql("select id from stock_location order by id").query(Long.class).list();
        Map<String, double[]> histories = histories(locations, null);
        record Candidate(long partId, String number, String name, Unit unit, long locationId, String location, BigDecimal available,
                         BigDecimal reorder, BigDecimal max, BigDecimal onOrder, Long supplierId, String supplier, Integer leadTime, BigDecimal price) {
        }
        List<Candidate> candidates = jdbc.sql("""
                        select l.part_id, p.part_number, p.name, p.unit, l.location_id, s.name as location, l.on_hand - l.reserved as available,
                               l.reorder_point, l.max_level,
                               coalesce((select sum(x.quantity - x.received) from purchase_order_line x join purchase_order o on o.id = x.order_id
                                          where x.part_id = l.part_id and o.location_id = l.location_id
                                            and o.status in ('SUBMITTED','APPROVED','ORDERED','PARTIALLY_RECEIVED')), 0) as on_order,
                               ps.supplier_id, sp.name as supplier, ps.lead_time_days, ps.price
                          from stock_level l join part p on p.id = l.part_id join stock_location s on s.id = l.location_id
                          left join lateral (select supplier_id, lead_time_days, price from part_supplier
                                              where part_id = l.part_id order by lead_time_days, price, supplier_id limit 1) ps on true
                          left join supplier sp on sp.id = ps.supplier_id
                         where l.location_id in (:locations) and l.reorder_point > 0
                           and (l.on_hand - l.reserved <= l.reorder_point
                                or exists (select 1 from stock_movement m where m.location_id = l.location_id and m.part_id = l.part_id
                                            and m.movement_type = 'ISSUE' and m.moved_at >= now() - make_interval(days => :days)))
                        """).param("locations", locations).param("days", HISTORY_DAYS)
                .query((rs, i) -> new Candidate(rs.getLong("part_id"), rs.getString("part_number"), rs.getString("name"),
                        Unit.valueOf(rs.getString("unit")), rs.getLong("location_id"), rs.getString("location"), rs.getBigDecimal("available"),
                        rs.getBigDecimal("reorder_point"), rs.getBigDecimal("max_level"), rs.getBigDecimal("on_order"),
                        rs.getObject("supplier_id", Long.class), rs.getString("supplier"), rs.getObject("lead_time_days", Integer.class),
                        rs.getBigDecimal("price")))
                .list();
        List<ReorderSuggestion> result = new ArrayList<>();
        for (Candidate c : candidates) {
            double[] history = histories.getOrDefault(key(c.partId, c.locationId), new double[HISTORY_DAYS]);
            int leadTime = c.leadTime == null ? 0 : c.leadTime;
            DemandForecast forecast = DemandForecast.of(history, Math.max(horizonDays, Math.max(1, leadTime)));
            double overLead = forecast.total(Math.max(1, leadTime));
            double projected = c.available.add(c.onOrder).doubleValue() - overLead;
            BigDecimal suggested = BigDecimal.ZERO;
            if (projected < c.reorder.doubleValue()) {
                BigDecimal target = c.max != null ? c.max : c.reorder.multiply(BigDecimal.TWO);
                BigDecimal need = target.subtract(BigDecimal.valueOf(projected));
                suggested = c.unit.fractionsAllowed() ? need.setScale(1, RoundingMode.CEILING) : need.setScale(0, RoundingMode.CEILING);
                if (suggested.signum() < 0) {
                    suggested = BigDecimal.ZERO;
                }
            }
            double horizonTotal = forecast.total(horizonDays);
            double spread = forecast.totalSpread(horizonDays);
            result.add(new ReorderSuggestion(c.partId, c.number, c.name, c.unit, c.locationId, c.location, c.available, c.onOrder, c.reorder, c.max,
                    horizonDays, horizonTotal, Math.max(0, horizonTotal - spread), horizonTotal + spread, leadTime, overLead, projected,
                    suggested, c.supplierId, c.supplier, c.price));
        }
        result.removeIf(s -> onlyNeeded && !s.needsOrder());
        result.sort((a, b) -> a.needsOrder() != b.needsOrder() ? (a.needsOrder() ? -1 : 1)
                : Double.compare(a.projected() - a.reorderPoint().doubleValue(), b.projected() - b.reorderPoint().doubleValue()));
        return result;
    }

    /** Turns the suggestions that need ordering into draft purchase orders, one per supplier and location; returns their ids. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public List<Long> createDraftOrders(List<ReorderSuggestion> suggestions) {
        Map<String, List<ReorderSuggestion>> groups = new LinkedHashMap<>();
        for (ReorderSuggestion s : suggestions) {
            if (s.needsOrder()) {
                groups.computeIfAbsent(s.supplierId() + "@" + s.locationId(), k -> new ArrayList<>()).add(s);
            }
        }
        if (groups.isEmpty()) {
            throw new InvalidInputException("Choose at least one suggestion with a quantity to order and a supplier.");
        }
        List<Long> ids = new ArrayList<>();
        for (List<ReorderSuggestion> group : groups.values()) {
            ReorderSuggestion first = group.getFirst();
            List<Object[]> lines = new ArrayList<>();
            for (ReorderSuggestion s : group) {
                lines.add(new Object[]{s.partId(), s.suggestedQuantity(), s.unitPrice()});
            }
            ids.add(orders.createDraftWithLines(first.supplierId(), first.locationId(), "From reorder suggestions", lines));
        }
        return ids;
    }

    private Map<String, double[]> histories(List<Long> locations, Long partId) {
        LocalDate today = LocalDate.now(zone);
        LocalDate first = today.minusDays(HISTORY_DAYS);
        Map<String, double[]> result = new HashMap<>();
        jdbc.sql("""
                        select part_id, location_id, cast(moved_at at time zone :zone as date) as day, -sum(quantity) as issued
                          from stock_movement
                         where movement_type = 'ISSUE' and location_id in (:locations) and (cast(:part as bigint) is null or part_id = :part)
                           and moved_at >= cast(:first as date) at time zone :zone and moved_at < cast(:today as date) at time zone :zone
                         group by 1, 2, 3
                        """).param("zone", zone.getId()).param("locations", locations).param("part", partId)
                .param("first", first).param("today", today)
                .query(rs -> {
                    int index = (int) (rs.getObject("day", LocalDate.class).toEpochDay() - first.toEpochDay());
                    if (index >= 0 && index < HISTORY_DAYS) {
                        result.computeIfAbsent(key(rs.getLong("part_id"), rs.getLong("location_id")), k -> new double[HISTORY_DAYS])[index] =
                                rs.getBigDecimal("issued").doubleValue();
                    }
                });
        return result;
    }

    private static String key(long partId, long locationId) {
        return partId + "@" + locationId;
    }

    private static void requireHorizon(int horizonDays) {
        if (horizonDays < 7 || horizonDays > 30) {
            throw new InvalidInputException("horizon", "Forecast 7 to 30 days ahead.");
        }
    }
}
