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
 * Transfers between locations as a workflow. Shipping books TRANSFER_OUT at the source (lots
 * first-expiring-first, remembered with the transfer); receiving books TRANSFER_IN of the same lots
 * at the destination. While in transit the stock is on neither location's shelf. Warehouse work.
 */
@Service
public class TransferService {

    private final StockTransferRepository transfers;
    private final StockLedger ledger;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TransferService(StockTransferRepository transfers, StockLedger ledger, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.transfers = transfers;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long request(long partId, long fromLocationId, long toLocationId, BigDecimal quantity, String note) {
        String part = jdbc.sql("select part_number from part where id = ?").param(partId).query(String.class).optional()
                .orElseThrow(() -> new InvalidInputException("part", "Choose the part to transfer."));
        String from = locationName(fromLocationId, "fromLocation");
        locationName(toLocationId, "toLocation");
        if (fromLocationId == toLocationId) {
            throw new InvalidInputException("toLocation", "Choose another location to transfer to: " + part + " would stay at " + from + ".");
        }
        BigDecimal qty = ledger.checkQuantity(partId, quantity);
        StockTransfer transfer = transfers.saveAndFlush(new StockTransfer(partId, fromLocationId, toLocationId, qty, note));
        publish(transfer);
        return transfer.getId();
    }

    /** The goods leave the source: TRANSFER_OUT; refused when not enough is available there. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void ship(long transferId) {
        StockTransfer transfer = find(transferId);
        transfer.ship(CurrentUser.requireUsername());
        for (StockLedger.Shipped s : ledger.shipTransfer(transfer.getPartId(), transfer.getFromLocationId(), transfer.getQuantity(), transfer.number())) {
            jdbc.sql("insert into stock_transfer_lot (transfer_id, lot_number, expiry_date, quantity) values (?, ?, ?, ?)")
                    .params(transfer.getId(), s.lotNumber() == null ? "" : s.lotNumber(), s.expiryDate(), s.quantity()).update();
        }
        transfers.saveAndFlush(transfer);
        publish(transfer);
    }

    /** The goods arrived: TRANSFER_IN at the destination, the same lots as shipped. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void receive(long transferId) {
        StockTransfer transfer = find(transferId);
        transfer.receive(CurrentUser.requireUsername());
        List<StockLedger.Shipped> shipped = jdbc.sql("select lot_number, expiry_date, quantity from stock_transfer_lot where transfer_id = ? order by lot_number")
                .param(transfer.getId())
                .query((rs, i) -> new StockLedger.Shipped(rs.getString(1).isEmpty() ? null : rs.getString(1),
                        rs.getObject(2, java.time.LocalDate.class), rs.getBigDecimal(3)))
                .list();
        ledger.arriveTransfer(transfer.getPartId(), transfer.getToLocationId(), shipped, transfer.number());
        transfers.saveAndFlush(transfer);
        publish(transfer);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void cancel(long transferId) {
        StockTransfer transfer = find(transferId);
        transfer.cancel();
        transfers.saveAndFlush(transfer);
        publish(transfer);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<TransferRow> list(TransferStatus status, Long locationId, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > 1000) {
            throw new InvalidInputException("Ask for at most 1000 transfers from a non-negative offset");
        }
        return jdbc.sql("""
                        select t.id, t.status, t.part_id, p.part_number, p.name, p.unit, t.from_location_id, f.name as from_name,
                               t.to_location_id, d.name as to_name, t.quantity, t.note, t.created_at, t.created_by
                          from stock_transfer t join part p on p.id = t.part_id
                          join stock_location f on f.id = t.from_location_id join stock_location d on d.id = t.to_location_id
                         where (cast(:status as varchar) is null or t.status = :status)
                           and (cast(:location as bigint) is null or t.from_location_id = :location or t.to_location_id = :location)
                         order by t.id desc limit :limit offset :offset
                        """)
                .param("status", status == null ? null : status.name()).param("location", locationId)
                .param("limit", limit).param("offset", offset)
                .query((rs, i) -> new TransferRow(rs.getLong("id"), "TR-" + rs.getLong("id"), TransferStatus.valueOf(rs.getString("status")),
                        rs.getLong("part_id"), rs.getString("part_number"), rs.getString("name"), Unit.valueOf(rs.getString("unit")),
                        rs.getLong("from_location_id"), rs.getString("from_name"), rs.getLong("to_location_id"), rs.getString("to_name"),
                        rs.getBigDecimal("quantity"), rs.getString("note"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    private StockTransfer find(long id) {
        return transfers.findForUpdate(id).orElseThrow(() -> new InvalidInputException("There is no transfer TR-" + id + "."));
    }

    private String locationName(long id, String field) {
        return jdbc.sql("select name from stock_location where id = ?").param(id).query(String.class).optional()
                .orElseThrow(() -> new InvalidInputException(field, "Choose a stock location."));
    }

    private void publish(StockTransfer t) {
        events.publishEvent(new InventoryChanged(InventoryChanged.Kind.TRANSFER, t.getId(), t.getStatus().name()));
    }
}
