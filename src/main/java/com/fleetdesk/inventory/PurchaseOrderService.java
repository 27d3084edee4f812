package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Purchase orders: warehouse staff draft, edit, submit, send and receive them; an administrator
 * or a fleet manager of the destination's depot approves them. Receiving books RECEIPT movements
 * through the {@link StockLedger} in the same transaction, with the order row locked.
 */
@Service
public class PurchaseOrderService {

    private static final String[] READERS = {Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER, Authority.TECHNICIAN};

    private final PurchaseOrderRepository orders;
    private final StockLedger ledger;
    private final InventoryAccess access;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    PurchaseOrderService(PurchaseOrderRepository orders, StockLedger ledger, InventoryAccess access, JdbcClient jdbc,
                         ApplicationEventPublisher events) {
        this.orders = orders;
        this.ledger = ledger;
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** What arrives on one line: quantity, and lot and expiry for lot-tracked parts. */
    public record Arrival(long lineId, BigDecimal quantity, String lotNumber, LocalDate expiryDate) {
    }

    // ---- reading -------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<PurchaseOrderRow> list(PurchaseOrderStatus status, Long locationId, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > 1000) {
            throw new InvalidInputException("Ask for at most 1000 orders from a non-negative offset");
        }
        return jdbc.sql("""
                        select o.id, o.status, o.supplier_id, s.name as supplier, o.location_id, l.name as location,
                               (select count(*) from purchase_order_line x where x.order_id = o.id) as lines,
                               (select coalesce(sum(x.quantity * x.unit_price), 0) from purchase_order_line x where x.order_id = o.id) as total,
                               o.created_at, o.created_by
                          from purchase_order o join supplier s on s.id = o.supplier_id join stock_location l on l.id = o.location_id
                         where (cast(:status as varchar) is null or o.status = :status)
                           and (cast(:location as bigint) is null or o.location_id = :location)
                         order by o.id desc limit :limit offset :offset
                        """)
                .param("status", status == null ? null : status.name()).param("location", locationId)
                .param("limit", limit).param("offset", offset)
                .query((rs, i) -> new PurchaseOrderRow(rs.getLong("id"), "PO-" + rs.getLong("id"), PurchaseOrderStatus.valueOf(rs.getString("status")),
                        rs.getLong("supplier_id"), rs.getString("supplier"), rs.getLong("location_id"), rs.getString("location"),
                        rs.getInt("lines"), rs.getBigDecimal("total"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public PurchaseOrderDetails details(long orderId) {
        return detailsOf(find(orderId));
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<SupplierInfo> suppliers() {
        return jdbc.sql("select id, name, email, phone, version from supplier order by name")
                .query((rs, i) -> new SupplierInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list();
    }

    // ---- drafting ------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createDraft(long supplierId, long locationId, String note) {
        requireSupplier(supplierId);
        requireLocation(locationId);
        PurchaseOrder order = orders.saveAndFlush(new PurchaseOrder(supplierId, locationId, note));
        publish(order);
        return order.getId();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void changeHeader(long orderId, long expectedVersion, long supplierId, long locationId, String note) {
        PurchaseOrder order = editable(orderId, expectedVersion);
        requireSupplier(supplierId);
        requireLocation(locationId);
        order.changeHeader(supplierId, locationId, note);
        save(order);
    }

    /** Adds a part; without a price, the supplier's price for the part (or the part's unit cost) is used. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void addLine(long orderId, long expectedVersion, long partId, BigDecimal quantity, BigDecimal unitPrice) {
        PurchaseOrder order = editable(orderId, expectedVersion);
        BigDecimal qty = ledger.checkQuantity(partId, quantity);
        BigDecimal price = unitPrice != null ? unitPrice : defaultPrice(partId, order.getSupplierId());
        order.addLine(partId, partNumber(partId), qty, price);
        save(order);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void changeLine(long orderId, long expectedVersion, long lineId, BigDecimal quantity, BigDecimal unitPrice) {
        PurchaseOrder order = editable(orderId, expectedVersion);
        BigDecimal qty = ledger.checkQuantity(order.line(lineId).getPartId(), quantity);
        order.changeLine(lineId, qty, unitPrice);
        save(order);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void removeLine(long orderId, long expectedVersion, long lineId) {
        PurchaseOrder order = editable(orderId, expectedVersion);
        order.removeLine(lineId);
        save(order);
    }

    // ---- life cycle ----------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void submit(long orderId) {
        PurchaseOrder order = find(orderId);
        order.submit(CurrentUser.requireUsername());
        save(order);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public void approve(long orderId) {
        PurchaseOrder order = find(orderId);
        access.requireApproverAt(order.getLocationId(), "approve purchase orders for this location");
        order.approve(CurrentUser.requireUsername());
        save(order);
    }

    /** The approved order went to the supplier. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void markOrdered(long orderId) {
        PurchaseOrder order = find(orderId);
        order.markOrdered();
        save(order);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER})
    @Transactional
    public void cancel(long orderId) {
        PurchaseOrder order = find(orderId);
        if (!CurrentUser.hasAnyRole(com.fleetdesk.base.security.Role.ADMIN, com.fleetdesk.base.security.Role.WAREHOUSE)) {
            access.requireApproverAt(order.getLocationId(), "cancel purchase orders for this location");
        }
        order.cancel();
        save(order);
    }

    /**
     * Books arrivals against the order's lines: each becomes a RECEIPT movement at the order's
     * location (referenced "PO-n"); more than is outstanding on a line is refused and nothing is booked.
     */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void receive(long orderId, List<Arrival> arrivals) {
        PurchaseOrder order = orders.findForUpdate(orderId)
                .orElseThrow(() -> new InvalidInputException("There is no purchase order PO-" + orderId + "."));
        List<Arrival> real = arrivals == null ? List.of() : arrivals.stream().filter(a -> a.quantity() != null && a.quantity().signum() != 0).toList();
        if (real.isEmpty()) {
            throw new InvalidInputException("quantity", "Enter the quantity that arrived on at least one line.");
        }
        for (Arrival a : real) {
            PurchaseOrderLine line = order.line(a.lineId());
            BigDecimal qty = ledger.checkQuantity(line.getPartId(), a.quantity());
            order.receive(a.lineId(), qty, partNumber(line.getPartId()));
            ledger.receive(line.getPartId(), order.getLocationId(), qty, a.lotNumber(), a.expiryDate(), order.number());
        }
        save(order);
    }

    /** Drafts created from reorder suggestions (see {@link ReorderPlanner}). */
    long createDraftWithLines(long supplierId, long locationId, String note, List<Object[]> lines) {
        PurchaseOrder order = new PurchaseOrder(supplierId, locationId, note);
        for (Object[] l : lines) {
            long partId = (Long) l[0];
            order.addLine(partId, partNumber(partId), (BigDecimal) l[1], (BigDecimal) l[2]);
        }
        order = orders.saveAndFlush(order);
        publish(order);
        return order.getId();
    }

    // ---- internals -----------------------------------------------------------------------

    private PurchaseOrder find(long orderId) {
        return orders.findById(orderId).orElseThrow(() -> new InvalidInputException("There is no purchase order PO-" + orderId + "."));
    }

    private PurchaseOrder editable(long orderId, long expectedVersion) {
        PurchaseOrder order = orders.findForEdit(orderId).orElseThrow(() -> new InvalidInputException("There is no purchase order PO-" + orderId + "."));
        // the state first, so editing a received order says so rather than "changed by someone else"
        order.requireDraft("edited");
        if (order.getVersion() != expectedVersion) {
            throw new ChangedBySomeoneElseException(order.number());
        }
        return order;
    }

    private void save(PurchaseOrder order) {
        try {
            orders.saveAndFlush(order);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException(order.number());
        }
        publish(order);
    }

    private void publish(PurchaseOrder order) {
        events.publishEvent(new InventoryChanged(InventoryChanged.Kind.PURCHASE_ORDER, order.getId(), order.getStatus().name()));
    }

    private void requireSupplier(long supplierId) {
        if (!jdbc.sql("select exists (select 1 from supplier where id = ?)").param(supplierId).query(Boolean.class).single()) {
            throw new InvalidInputException("supplier", "Choose a supplier.");
        }
    }

    private void requireLocation(long locationId) {
        if (!jdbc.sql("select exists (select 1 from stock_location where id = ?)").param(locationId).query(Boolean.class).single()) {
            throw new InvalidInputException("location", "Choose the location the goods go to.");
        }
    }

    private String partNumber(long partId) {
        return jdbc.sql("select part_number from part where id = ?").param(partId).query(String.class).optional()
                .orElseThrow(() -> new InvalidInputException("part", "Choose a part."));
    }

    private BigDecimal defaultPrice(long partId, long supplierId) {
        return jdbc.sql("""
                        select coalesce((select price from part_supplier where part_id = ? and supplier_id = ?), unit_cost) from part where id = ?
                        """).params(partId, supplierId, partId).query(BigDecimal.class).optional()
                .orElseThrow(() -> new InvalidInputException("part", "Choose a part."));
    }

    private PurchaseOrderDetails detailsOf(PurchaseOrder order) {
        Map<Long, Object[]> parts = new HashMap<>();
        List<Long> ids = order.getLines().stream().map(PurchaseOrderLine::getPartId).toList();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, part_number, name, unit, lot_tracked from part where id in (:ids)").param("ids", ids)
                    .query(rs -> {
                        parts.put(rs.getLong(1), new Object[]{rs.getString(2), rs.getString(3), Unit.valueOf(rs.getString(4)), rs.getBoolean(5)});
                    });
        }
        List<PurchaseOrderDetails.Line> lines = new ArrayList<>();
        for (PurchaseOrderLine l : order.getLines()) {
            Object[] p = parts.get(l.getPartId());
            lines.add(new PurchaseOrderDetails.Line(l.getId(), l.getPartId(), (String) p[0], (String) p[1], (Unit) p[2], (Boolean) p[3],
                    l.getQuantity(), l.getUnitPrice(), l.getReceived(), l.outstanding()));
        }
        String supplier = jdbc.sql("select name from supplier where id = ?").param(order.getSupplierId()).query(String.class).single();
        String location = jdbc.sql("select name from stock_location where id = ?").param(order.getLocationId()).query(String.class).single();
        boolean mayApprove = order.getStatus() == PurchaseOrderStatus.SUBMITTED && access.mayApproveAt(order.getLocationId());
        return new PurchaseOrderDetails(order.getId(), order.getVersion(), order.number(), order.getStatus(), order.getSupplierId(), supplier,
                order.getLocationId(), location, order.getNote(), order.getSubmittedBy(), order.getApprovedBy(), lines, order.total(), mayApprove);
    }
}
