package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;

/**
 * Cycle counts. A sheet snapshots on hand per part (per lot for lot-tracked parts) at one location
 * when it is made; the counter enters what is on the shelf; someone else with approval rights
 * (administrator, or fleet manager of the location's depot) approves, which books each variance
 * as an ADJUSTMENT with the reason "cycle count #n".
 *
 * <p>Stock that moves between the snapshot and the approval (issues, receipts) is not a variance:
 * the count is taken to describe the shelf at snapshot time, so the variance is counted − snapshot
 * and it is applied on top of the current quantity. (Counting against the current quantity would
 * book every issue made while counting a second time.) When applying a negative variance would
 * take more than is available now, the approval is refused for a recount.
 */
@Service
public class CycleCountService {

    static final int MAX_LINES = 5_000;

    private final CycleCountRepository counts;
    private final StockLedger ledger;
    private final InventoryAccess access;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    CycleCountService(CycleCountRepository counts, StockLedger ledger, InventoryAccess access, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.counts = counts;
        this.ledger = ledger;
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A new sheet for the location (and the category with its sub-categories, when given) with today's on-hand snapshot. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long create(long locationId, Long categoryId) {
        if (!jdbc.sql("select exists (select 1 from stock_location where id = ?)").param(locationId).query(Boolean.class).single()) {
            throw new InvalidInputException("location", "Choose the location to count.");
        }
        String categories = """
                (with recursive sub(id) as (select cast(:category as bigint) union all
                     select c.id from part_category c join sub on c.parent_id = sub.id) select id from sub)""";
        String partFilter = categoryId == null ? "" : " and p.category_id in " + categories;
        long lines = jdbc.sql("select count(*) from stock_level l join part p on p.id = l.part_id where l.location_id = :location" + partFilter)
                .param("location", locationId).param("category", categoryId).query(Long.class).single();
        if (lines == 0) {
            throw new InvalidInputException("category", "Nothing is stocked there" + (categoryId == null ? "." : " in that category."));
        }
        if (lines > MAX_LINES) {
            throw new InvalidInputException("category", lines + " parts are stocked there: choose a category to count at most " + MAX_LINES + " at a time.");
        }
        CycleCount count = counts.saveAndFlush(new CycleCount(locationId, categoryId));
        String me = CurrentUser.requireUsername();
        // Parts without lots: one line with the level's on hand. Lot-tracked parts: one line per lot with stock.
        jdbc.sql("""
                        insert into cycle_count_line (count_id, part_id, lot_number, expected, created_at, created_by, updated_at, updated_by)
                        select :count, l.part_id, null, l.on_hand, now(), :me, now(), :me
                          from stock_level l join part p on p.id = l.part_id
                         where l.location_id = :location and not p.lot_tracked""" + partFilter + """

                        union all
                        select :count, t.part_id, t.lot_number, t.on_hand, now(), :me, now(), :me
                          from stock_lot t join part p on p.id = t.part_id
                         where t.location_id = :location and t.on_hand > 0 and p.lot_tracked""" + partFilter)
                .param("count", count.getId()).param("me", me).param("location", locationId).param("category", categoryId).update();
        publish(count);
        return count.getId();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void enterCount(long countId, long lineId, BigDecimal counted) {
        CycleCount count = find(countId);
        CycleCountLine line = count.line(lineId);
        BigDecimal qty = counted;
        if (counted != null) {
            if (counted.signum() < 0) {
                throw new InvalidInputException("counted", "A counted quantity cannot be negative.");
            }
            qty = counted.signum() == 0 ? BigDecimal.ZERO : ledger.checkQuantity(line.getPartId(), counted);
        }
        count.enter(lineId, qty);
        counts.saveAndFlush(count);
        publish(count);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void submit(long countId) {
        CycleCount count = find(countId);
        count.submit(CurrentUser.requireUsername());
        counts.saveAndFlush(count);
        publish(count);
    }

    /** Approves the variances and books them; refused for the person who submitted the count. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public void approve(long countId) {
        CycleCount count = find(countId);
        access.requireApproverAt(count.getLocationId(), "approve count variances at this location");
        count.approve(CurrentUser.requireUsername());
        String reason = count.number();
        for (CycleCountLine line : count.getLines()) {
            BigDecimal variance = line.variance();
            if (variance.signum() != 0) {
                ledger.adjustCounted(line.getPartId(), count.getLocationId(), variance, line.getLotNumber(), reason);
            }
            line.posted(variance);
        }
        counts.saveAndFlush(count);
        publish(count);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional
    public void cancel(long countId) {
        CycleCount count = find(countId);
        if (!CurrentUser.hasAnyRole(com.fleetdesk.base.security.Role.ADMIN, com.fleetdesk.base.security.Role.WAREHOUSE)) {
            access.requireApproverAt(count.getLocationId(), "cancel counts at this location");
        }
        count.cancel();
        counts.saveAndFlush(count);
        publish(count);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<CycleCountRow> list(CycleCountStatus status, int offset, int limit) {
        return jdbc.sql("""
                        select c.id, c.status, l.name as location, g.name as category, c.created_at, c.created_by,
                               (select count(*) from cycle_count_line x where x.count_id = c.id) as lines,
                               (select count(*) from cycle_count_line x where x.count_id = c.id and x.counted is not null) as counted,
                               (select count(*) from cycle_count_line x where x.count_id = c.id and x.counted <> x.expected) as variances
                          from cycle_count c join stock_location l on l.id = c.location_id left join part_category g on g.id = c.category_id
                         where (cast(:status as varchar) is null or c.status = :status)
                         order by c.id desc limit :limit offset :offset
                        """).param("status", status == null ? null : status.name()).param("limit", Math.min(limit, 1000)).param("offset", offset)
                .query((rs, i) -> new CycleCountRow(rs.getLong("id"), "Cycle count #" + rs.getLong("id"), CycleCountStatus.valueOf(rs.getString("status")),
                        rs.getString("location"), rs.getString("category"), rs.getInt("lines"), rs.getInt("counted"), rs.getInt("variances"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public CycleCountSheet sheet(long countId) {
        CycleCount count = counts.findById(countId).orElseThrow(() -> new InvalidInputException("There is no cycle count #" + countId + "."));
        List<CycleCountSheet.Line> lines = jdbc.sql("""
                        select x.id, x.part_id, p.part_number, p.name, p.unit, x.lot_number, l.bin, x.expected, x.counted, x.posted
                          from cycle_count_line x join part p on p.id = x.part_id
                          left join stock_level l on l.part_id = x.part_id and l.location_id = :location
                         where x.count_id = :count order by l.bin nulls last, p.part_number, x.lot_number
                        """).param("count", countId).param("location", count.getLocationId())
                .query((rs, i) -> new CycleCountSheet.Line(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Unit.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10)))
                .list();
        String location = jdbc.sql("select name from stock_location where id = ?").param(count.getLocationId()).query(String.class).single();
        String category = count.getCategoryId() == null ? null
                : jdbc.sql("select name from part_category where id = ?").param(count.getCategoryId()).query(String.class).single();
        boolean mayApprove = count.getStatus() == CycleCountStatus.SUBMITTED && access.mayApproveAt(count.getLocationId())
                && !CurrentUser.requireUsername().equalsIgnoreCase(count.getSubmittedBy());
        return new CycleCountSheet(count.getId(), "Cycle count #" + count.getId(), count.getStatus(), count.getLocationId(), location, category,
                count.getCreatedBy(), count.getSubmittedBy(), count.getApprovedBy(), lines, mayApprove);
    }

    private CycleCount find(long id) {
        return counts.findForUpdate(id).orElseThrow(() -> new InvalidInputException("There is no cycle count #" + id + "."));
    }

    private void publish(CycleCount c) {
        events.publishEvent(new InventoryChanged(InventoryChanged.Kind.CYCLE_COUNT, c.getId(), c.getStatus().name()));
    }
}
