package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.FleetAccess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The only code path that changes stock quantities. Every change appends movements to the
 * ledger ({@code stock_movement}, append-only in the database) and updates {@code stock_level}
 * (and {@code stock_lot}) in the same transaction, with the level row locked
 * ({@code SELECT … FOR UPDATE}), so concurrent issues of the last unit cannot both succeed and
 * on hand always equals the sum of the ledger.
 *
 * <p>Who may do what: receipts, adjustments and transfers are warehouse work (WAREHOUSE,
 * ADMIN). Issues, returns, reservations and releases may also be made by technicians and fleet
 * managers, but only at locations of their own depots (FleetAccess depot scope) or at a
 * location they manage; warehouse staff and administrators work at every location.
 */
@Service
public class StockLedger {

    static final String[] MOVERS = {Authority.ADMIN, Authority.WAREHOUSE};
    static final String[] USERS = {Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER};

    private final JdbcClient jdbc;
    private final FleetAccess access;
    private final UserNotificationService notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;

    StockLedger(JdbcClient jdbc, FleetAccess access, UserNotificationService notifications, ApplicationEventPublisher events,
                @org.springframework.beans.factory.annotation.Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.jdbc = jdbc;
        this.access = access;
        this.notifications = notifications;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.zone = ZoneId.of(zone);
    }

    // ---- operations ----------------------------------------------------------------------

    /** Goods in: adds {@code quantity} at the location; lot-tracked parts need a lot number (and may have an expiry date). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void receive(long partId, long locationId, BigDecimal quantity, String lotNumber, LocalDate expiryDate, String reference) {
        Target target = target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        requireAccess(location, "receive stock");
        BigDecimal qty = requireQuantity(part, quantity);
        String lot = lotFor(part, lotNumber);
        if (lot != null && expiryDate != null && expiryDate.isBefore(today())) {
            throw new InvalidInputException("expiryDate", "Lot " + lot + " expired on " + expiryDate + ": expired stock cannot be received.");
        }
        Level level = lock(partId, locationId);
        if (lot != null) {
            addToLot(partId, locationId, lot, expiryDate, qty);
        }
        insert(part, location, MovementType.RECEIPT, qty, lot, null, reference);
        apply(part, location, level, qty, BigDecimal.ZERO, MovementType.RECEIPT);
    }

    /** Goods out (e.g. to a work order): takes from the available quantity, lots first-expiring-first. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional
    public void issue(long partId, long locationId, BigDecimal quantity, String lotNumber, String reference) {
        // Hot path: part, location and the locked level row in one round trip when the row exists.
        Locked locked = lockWithTarget(partId, locationId).orElse(null);
        Target target = locked != null ? locked.target() : target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        requireAccess(location, "issue stock");
        BigDecimal qty = requireQuantity(part, quantity);
        Level level = locked != null ? locked.level() : lock(partId, locationId);
        requireAvailable(part, location, level, qty, "issue");
        if (part.lotTracked) {
            for (Take take : takeFromLots(part, location, qty, blankToNull(lotNumber), false)) {
                insert(part, location, MovementType.ISSUE, take.quantity.negate(), take.lotNumber, null, reference);
            }
            apply(part, location, level, qty.negate(), BigDecimal.ZERO, MovementType.ISSUE);
        } else {
            appendAndApply(part, location, level, MovementType.ISSUE, qty.negate(), reference, qty.negate(), BigDecimal.ZERO);
        }
    }

    /** Unused parts coming back to stock; lot-tracked parts go back into the named lot. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional
    public void returnToStock(long partId, long locationId, BigDecimal quantity, String lotNumber, String reference) {
        Target target = target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        requireAccess(location, "return stock");
        BigDecimal qty = requireQuantity(part, quantity);
        String lot = lotFor(part, lotNumber);
        Level level = lock(partId, locationId);
        if (lot != null) {
            addToLot(partId, locationId, lot, null, qty);
        }
        insert(part, location, MovementType.RETURN, qty, lot, null, reference);
        apply(part, location, level, qty, BigDecimal.ZERO, MovementType.RETURN);
    }

    /**
     * A stock-take correction by {@code delta} (positive or negative) with a required reason.
     * Lot-tracked parts are corrected per lot; a negative adjustment may write off an expired lot.
     */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void adjust(long partId, long locationId, BigDecimal delta, String lotNumber, String reason) {
        Target target = target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        requireAccess(location, "adjust stock");
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "Give the reason for the adjustment (for example a stock-take count or damage).");
        }
        if (delta == null || delta.signum() == 0) {
            throw new InvalidInputException("quantity", "Enter the change in stock: above 0 to add, below 0 to remove.");
        }
        BigDecimal qty = requireQuantity(part, delta.abs());
        String lot = lotFor(part, lotNumber);
        Level level = lock(partId, locationId);
        BigDecimal signed = delta.signum() > 0 ? qty : qty.negate();
        if (signed.signum() < 0) {
            requireAvailable(part, location, level, qty, "remove");
            if (lot != null) {
                takeFromLots(part, location, qty, lot, true);
            }
        } else if (lot != null) {
            addToLot(partId, locationId, lot, null, qty);
        }
        insert(part, location, MovementType.ADJUSTMENT, signed, lot, reason.strip(), null);
        apply(part, location, level, signed, BigDecimal.ZERO, MovementType.ADJUSTMENT);
    }

    /** Moves stock between two different locations (lots keep their number and expiry). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void transfer(long partId, long fromLocationId, long toLocationId, BigDecimal quantity, String reference) {
        Part part = part(partId);
        Location from = location(fromLocationId);
        Location to = location(toLocationId);
        if (fromLocationId == toLocationId) {
            throw new InvalidInputException("toLocation", "Choose another location to transfer to: " + part.number + " is already at " + from.name + ".");
        }
        requireAccess(from, "transfer stock");
        requireAccess(to, "transfer stock");
        BigDecimal qty = requireQuantity(part, quantity);
        // Both rows exist and are locked in location order, so opposite transfers cannot deadlock.
        ensureLevel(partId, Math.min(fromLocationId, toLocationId));
        ensureLevel(partId, Math.max(fromLocationId, toLocationId));
        Level first = lock(partId, Math.min(fromLocationId, toLocationId));
        Level second = lock(partId, Math.max(fromLocationId, toLocationId));
        Level source = fromLocationId < toLocationId ? first : second;
        Level target = fromLocationId < toLocationId ? second : first;
        requireAvailable(part, from, source, qty, "transfer");
        if (part.lotTracked) {
            for (Take take : takeFromLots(part, from, qty, null, false)) {
                addToLot(partId, toLocationId, take.lotNumber, take.expiryDate, take.quantity);
                insert(part, from, MovementType.TRANSFER_OUT, take.quantity.negate(), take.lotNumber, null, reference);
                insert(part, to, MovementType.TRANSFER_IN, take.quantity, take.lotNumber, null, reference);
            }
        } else {
            insert(part, from, MovementType.TRANSFER_OUT, qty.negate(), null, null, reference);
            insert(part, to, MovementType.TRANSFER_IN, qty, null, null, reference);
        }
        apply(part, from, source, qty.negate(), BigDecimal.ZERO, MovementType.TRANSFER_OUT);
        apply(part, to, target, qty, BigDecimal.ZERO, MovementType.TRANSFER_IN);
    }

    /** Sets stock aside (e.g. for a planned job): reduces what is available, not what is on hand. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional
    public void reserve(long partId, long locationId, BigDecimal quantity, String reference) {
        Target target = target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        requireAccess(location, "reserve stock");
        BigDecimal qty = requireQuantity(part, quantity);
        Level level = lock(partId, locationId);
        requireAvailable(part, location, level, qty, "reserve");
        insert(part, location, MovementType.RESERVE, qty, null, null, reference);
        apply(part, location, level, BigDecimal.ZERO, qty, MovementType.RESERVE);
    }

    /** Gives reserved stock back to the available quantity. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional
    public void release(long partId, long locationId, BigDecimal quantity, String reference) {
        Target target = target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        requireAccess(location, "release reserved stock");
        BigDecimal qty = requireQuantity(part, quantity);
        Level level = lock(partId, locationId);
        if (qty.compareTo(level.reserved) > 0) {
            throw new InvalidInputException("quantity", "Only " + amount(level.reserved, part) + " " + part.label() + " reserved at "
                    + location.name + ": cannot release " + amount(qty, part) + ".");
        }
        insert(part, location, MovementType.RELEASE, qty.negate(), null, null, reference);
        apply(part, location, level, BigDecimal.ZERO, qty.negate(), MovementType.RELEASE);
    }

    // ---- steps of the inventory workflows (called by their services, inside their transactions) ----

    /** The quantity as the ledger would take it for this part (above 0, whole for pieces), or a field message. */
    BigDecimal checkQuantity(long partId, BigDecimal quantity) {
        return requireQuantity(part(partId), quantity);
    }

    /** A lot (or, for parts without lots, the whole quantity with a null lot) that left a location in transit. */
    record Shipped(String lotNumber, LocalDate expiryDate, BigDecimal quantity) {
    }

    /**
     * A transfer leaves its source: TRANSFER_OUT now, lots first-expiring-first; the goods are on no
     * location's shelf until {@link #arriveTransfer} books them in. Rights are checked by the caller.
     */
    List<Shipped> shipTransfer(long partId, long fromLocationId, BigDecimal quantity, String reference) {
        Part part = part(partId);
        Location from = location(fromLocationId);
        BigDecimal qty = requireQuantity(part, quantity);
        Level level = lock(partId, fromLocationId);
        requireAvailable(part, from, level, qty, "ship");
        List<Shipped> shipped = new ArrayList<>();
        if (part.lotTracked) {
            for (Take take : takeFromLots(part, from, qty, null, false)) {
                insert(part, from, MovementType.TRANSFER_OUT, take.quantity.negate(), take.lotNumber, null, reference);
                shipped.add(new Shipped(take.lotNumber, take.expiryDate, take.quantity));
            }
        } else {
            insert(part, from, MovementType.TRANSFER_OUT, qty.negate(), null, null, reference);
            shipped.add(new Shipped(null, null, qty));
        }
        apply(part, from, level, qty.negate(), BigDecimal.ZERO, MovementType.TRANSFER_OUT);
        return shipped;
    }

    /** The shipped goods arrive: TRANSFER_IN at the destination, into the same lots. Rights are checked by the caller. */
    void arriveTransfer(long partId, long toLocationId, List<Shipped> shipped, String reference) {
        Part part = part(partId);
        Location to = location(toLocationId);
        Level level = lock(partId, toLocationId);
        BigDecimal total = BigDecimal.ZERO;
        for (Shipped s : shipped) {
            if (s.lotNumber() != null) {
                addToLot(partId, toLocationId, s.lotNumber(), s.expiryDate(), s.quantity());
            }
            insert(part, to, MovementType.TRANSFER_IN, s.quantity(), s.lotNumber(), null, reference);
            total = total.add(s.quantity());
        }
        apply(part, to, level, total, BigDecimal.ZERO, MovementType.TRANSFER_IN);
    }

    /**
     * Books an approved count variance as an ADJUSTMENT (per lot for lot-tracked parts); a negative
     * variance may also take expired lots, which is how counted-out expired stock leaves the books.
     * Rights (approval) are checked by the caller.
     */
    void adjustCounted(long partId, long locationId, BigDecimal delta, String lotNumber, String reason) {
        Target target = target(partId, locationId);
        Part part = target.part();
        Location location = target.location();
        BigDecimal qty = requireQuantity(part, delta.abs());
        Level level = lock(partId, locationId);
        String lot = part.lotTracked ? lotNumber : null;
        BigDecimal signed = delta.signum() > 0 ? qty : qty.negate();
        if (signed.signum() < 0) {
            if (qty.compareTo(level.available()) > 0) {
                throw new InvalidInputException("counted", "Stock of " + part.label() + " at " + location.name + " moved since the count: "
                        + "only " + amount(level.available().max(BigDecimal.ZERO), part) + " is available now, so the variance of "
                        + amount(signed, part) + " cannot be booked. Count this part again.");
            }
            if (lot != null) {
                takeFromLots(part, location, qty, lot, true);
            }
        } else if (lot != null) {
            addToLot(partId, locationId, lot, null, qty);
        }
        insert(part, location, MovementType.ADJUSTMENT, signed, lot, reason, null);
        apply(part, location, level, signed, BigDecimal.ZERO, MovementType.ADJUSTMENT);
    }

    // ---- rules ---------------------------------------------------------------------------

    private BigDecimal requireQuantity(Part part, BigDecimal quantity) {
        if (quantity == null) {
            throw new InvalidInputException("quantity", "Enter a quantity.");
        }
        if (quantity.signum() <= 0) {
            throw new InvalidInputException("quantity", "The quantity must be above 0 (you entered " + quantity.toPlainString() + ").");
        }
        BigDecimal qty = quantity.stripTrailingZeros();
        if (qty.scale() < 0) {
            qty = qty.setScale(0);
        }
        if (!part.unit.fractionsAllowed() && qty.scale() > 0) {
            throw new InvalidInputException("quantity", part.number + " is counted in whole pieces: "
                    + quantity.toPlainString() + " is not a whole number.");
        }
        if (qty.scale() > 3) {
            throw new InvalidInputException("quantity", "Give the quantity with at most 3 decimals.");
        }
        if (qty.compareTo(new BigDecimal("999999999")) > 0) {
            throw new InvalidInputException("quantity", "The quantity is too large.");
        }
        return qty;
    }

    private void requireAvailable(Part part, Location location, Level level, BigDecimal qty, String action) {
        BigDecimal available = level.available();
        if (qty.compareTo(available) > 0) {
            throw new InvalidInputException("quantity", "Only " + amount(available.max(BigDecimal.ZERO), part) + " " + part.label()
                    + " available at " + location.name + ": cannot " + action + " " + amount(qty, part) + ".");
        }
    }

    private String lotFor(Part part, String lotNumber) {
        String lot = blankToNull(lotNumber);
        if (part.lotTracked && lot == null) {
            throw new InvalidInputException("lotNumber", part.number + " is lot-tracked: enter the lot number.");
        }
        if (!part.lotTracked && lot != null) {
            throw new InvalidInputException("lotNumber", part.number + " is not lot-tracked: leave the lot number empty.");
        }
        if (lot != null && lot.length() > 60) {
            throw new InvalidInputException("lotNumber", "A lot number has at most 60 characters.");
        }
        return lot;
    }

    private void requireAccess(Location location, String action) {
        if (CurrentUser.hasAnyRole(Role.ADMIN, Role.WAREHOUSE)) {
            return;
        }
        String me = CurrentUser.requireUsername();
        if (me.equalsIgnoreCase(Objects.requireNonNullElse(location.manager, ""))) {
            return;
        }
        if (location.depotId != null && access.currentScope().includes(location.depotId)) {
            return;
        }
        throw new AccessDeniedException("You can only " + action + " at stock locations of your own depots.");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    // ---- lots ----------------------------------------------------------------------------

    private record Take(String lotNumber, LocalDate expiryDate, BigDecimal quantity) {
    }

    /** Takes {@code qty} from lots first-expiring-first (or from one named lot); expired lots only when {@code allowExpired}. */
    private List<Take> takeFromLots(Part part, Location location, BigDecimal qty, String lotNumber, boolean allowExpired) {
        record Lot(long id, String number, LocalDate expiry, BigDecimal onHand) {
        }
        List<Lot> lots = jdbc.sql("""
                        select id, lot_number, expiry_date, on_hand from stock_lot
                         where part_id = ? and location_id = ? and on_hand > 0 and (cast(? as varchar) is null or lot_number = ?)
                         order by expiry_date nulls last, received_at, lot_number for update
                        """)
                .params(part.id, location.id, lotNumber, lotNumber)
                .query((rs, i) -> new Lot(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4)))
                .list();
        LocalDate today = today();
        if (lotNumber != null && lots.isEmpty()) {
            throw new InvalidInputException("lotNumber", "There is no stock of lot " + lotNumber + " of " + part.number + " at " + location.name + ".");
        }
        BigDecimal usable = BigDecimal.ZERO;
        BigDecimal expired = BigDecimal.ZERO;
        List<Lot> candidates = new ArrayList<>();
        for (Lot lot : lots) {
            boolean isExpired = lot.expiry != null && lot.expiry.isBefore(today);
            if (isExpired && !allowExpired) {
                if (lotNumber != null) {
                    throw new InvalidInputException("lotNumber", "Lot " + lot.number + " of " + part.number + " expired on " + lot.expiry
                            + " and cannot be issued.");
                }
                expired = expired.add(lot.onHand);
            } else {
                usable = usable.add(lot.onHand);
                candidates.add(lot);
            }
        }
        if (usable.compareTo(qty) < 0) {
            throw new InvalidInputException("quantity", "Only " + amount(usable, part) + " " + part.label() + " available at " + location.name
                    + (lotNumber != null ? " in lot " + lotNumber : " in lots that have not expired")
                    + (expired.signum() > 0 ? " (" + amount(expired, part) + " more in expired lots, which cannot be issued)" : "")
                    + ": cannot take " + amount(qty, part) + ".");
        }
        List<Take> takes = new ArrayList<>();
        BigDecimal left = qty;
        for (Lot lot : candidates) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal take = lot.onHand.min(left);
            jdbc.sql("update stock_lot set on_hand = on_hand - ? where id = ?").params(take, lot.id).update();
            takes.add(new Take(lot.number, lot.expiry, take));
            left = left.subtract(take);
        }
        return takes;
    }

    private void addToLot(long partId, long locationId, String lot, LocalDate expiry, BigDecimal qty) {
        jdbc.sql("""
                        insert into stock_lot (part_id, location_id, lot_number, expiry_date, on_hand, received_at)
                        values (?, ?, ?, ?, ?, now())
                        on conflict (part_id, location_id, lot_number)
                        do update set on_hand = stock_lot.on_hand + excluded.on_hand,
                                      expiry_date = coalesce(stock_lot.expiry_date, excluded.expiry_date)
                        """)
                .params(partId, locationId, lot, expiry, qty).update();
    }

    // ---- rows ----------------------------------------------------------------------------

    private record Part(long id, String number, String name, Unit unit, boolean lotTracked) {
        String label() {
            return number + " (" + name + ")";
        }
    }

    private record Location(long id, String name, Long depotId, String manager) {
    }

    private record Level(long id, BigDecimal onHand, BigDecimal reserved, BigDecimal reorderPoint, BigDecimal criticalPoint) {
        BigDecimal available() {
            return onHand.subtract(reserved);
        }
    }

    private Part part(long partId) {
        return jdbc.sql("select id, part_number, name, unit, lot_tracked from part where id = ?").param(partId)
                .query((rs, i) -> new Part(rs.getLong(1), rs.getString(2), rs.getString(3), Unit.valueOf(rs.getString(4)), rs.getBoolean(5)))
                .optional().orElseThrow(() -> new InvalidInputException("part", "Choose a part: there is no part with id " + partId + "."));
    }

    private Location location(long locationId) {
        return jdbc.sql("select id, name, depot_id, manager_username from stock_location where id = ?").param(locationId)
                .query((rs, i) -> new Location(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getString(4)))
                .optional().orElseThrow(() -> new InvalidInputException("location", "Choose a stock location: there is no location with id " + locationId + "."));
    }

    private void ensureLevel(long partId, long locationId) {
        String me = CurrentUser.username().orElse("system");
        jdbc.sql("""
                        insert into stock_level (part_id, location_id, created_at, created_by, updated_at, updated_by)
                        values (?, ?, now(), ?, now(), ?) on conflict (part_id, location_id) do nothing
                        """).params(partId, locationId, me, me).update();
    }

    private Level lock(long partId, long locationId) {
        // Most movements hit an existing row: lock it straight away, create it only when missing.
        return lockExisting(partId, locationId).orElseGet(() -> {
            ensureLevel(partId, locationId);
            return lockExisting(partId, locationId).orElseThrow();
        });
    }

    private java.util.Optional<Level> lockExisting(long partId, long locationId) {
        return jdbc.sql("select id, on_hand, reserved, reorder_point, critical_point from stock_level where part_id = ? and location_id = ? for update")
                .params(partId, locationId)
                .query((rs, i) -> new Level(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)))
                .optional();
    }

    private record Locked(Target target, Level level) {
    }

    private java.util.Optional<Locked> lockWithTarget(long partId, long locationId) {
        return jdbc.sql("""
                        select p.id, p.part_number, p.name, p.unit, p.lot_tracked, s.id, s.name, s.depot_id, s.manager_username,
                               l.id, l.on_hand, l.reserved, l.reorder_point, l.critical_point
                          from stock_level l join part p on p.id = l.part_id join stock_location s on s.id = l.location_id
                         where l.part_id = ? and l.location_id = ? for update of l
                        """).params(partId, locationId)
                .query((rs, i) -> new Locked(new Target(
                        new Part(rs.getLong(1), rs.getString(2), rs.getString(3), Unit.valueOf(rs.getString(4)), rs.getBoolean(5)),
                        new Location(rs.getLong(6), rs.getString(7), rs.getObject(8, Long.class), rs.getString(9))),
                        new Level(rs.getLong(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14))))
                .optional();
    }

    /** One movement without a lot and the level update in one statement (the same effect as insert + apply). */
    private void appendAndApply(Part part, Location location, Level level, MovementType type, BigDecimal quantity, String reference,
                                BigDecimal onHandDelta, BigDecimal reservedDelta) {
        String ref = blankToNull(reference);
        if (ref != null && ref.length() > 100) {
            throw new InvalidInputException("reference", "A reference has at most 100 characters.");
        }
        String me = CurrentUser.username().orElse("system");
        jdbc.sql("""
                        with movement as (
                            insert into stock_movement (part_id, location_id, movement_type, quantity, reference, username, moved_at)
                            values (?, ?, ?, ?, ?, ?, now()))
                        update stock_level set on_hand = on_hand + ?, reserved = reserved + ?, version = version + 1,
                               updated_at = now(), updated_by = ? where id = ?
                        """)
                .params(part.id, location.id, type.name(), quantity, ref, me, onHandDelta, reservedDelta, me, level.id).update();
        changed(part, location, level, level.onHand.add(onHandDelta), level.reserved.add(reservedDelta), type);
    }

    private record Target(Part part, Location location) {
    }

    /** The part and the location in one round trip (the hot path of every movement); a clear message when either is unknown. */
    private Target target(long partId, long locationId) {
        return jdbc.sql("""
                        select p.id, p.part_number, p.name, p.unit, p.lot_tracked, l.id, l.name, l.depot_id, l.manager_username
                          from part p cross join stock_location l where p.id = ? and l.id = ?
                        """).params(partId, locationId)
                .query((rs, i) -> new Target(new Part(rs.getLong(1), rs.getString(2), rs.getString(3), Unit.valueOf(rs.getString(4)), rs.getBoolean(5)),
                        new Location(rs.getLong(6), rs.getString(7), rs.getObject(8, Long.class), rs.getString(9))))
                .optional().orElseGet(() -> new Target(part(partId), location(locationId)));
    }

    /** Moves the locked stock row by the deltas, then tells listeners (and, on crossing a threshold, the manager). */
    private void apply(Part part, Location location, Level level, BigDecimal onHandDelta, BigDecimal reservedDelta, MovementType type) {
        jdbc.sql("""
                        update stock_level set on_hand = on_hand + ?, reserved = reserved + ?, version = version + 1,
                               updated_at = now(), updated_by = ? where id = ?
                        """).params(onHandDelta, reservedDelta, CurrentUser.username().orElse("system"), level.id).update();
        changed(part, location, level, level.onHand.add(onHandDelta), level.reserved.add(reservedDelta), type);
    }

    private void insert(Part part, Location location, MovementType type, BigDecimal quantity, String lot, String reason, String reference) {
        String ref = blankToNull(reference);
        if (ref != null && ref.length() > 100) {
            throw new InvalidInputException("reference", "A reference has at most 100 characters.");
        }
        if (reason != null && reason.length() > 500) {
            throw new InvalidInputException("reason", "A reason has at most 500 characters.");
        }
        jdbc.sql("""
                        insert into stock_movement (part_id, location_id, movement_type, quantity, lot_number, reason, reference, username, moved_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, now())
                        """)
                .params(part.id, location.id, type.name(), quantity, lot, reason, ref, CurrentUser.username().orElse("system"))
                .update();
    }

    /** Tells the location's manager when available stock falls to the reorder or critical point; refreshes open grids. */
    private void changed(Part part, Location location, Level before, BigDecimal onHandAfter, BigDecimal reservedAfter, MovementType type) {
        BigDecimal was = before.available();
        BigDecimal now = onHandAfter.subtract(reservedAfter);
        boolean critical = now.compareTo(before.criticalPoint) <= 0 && was.compareTo(before.criticalPoint) > 0;
        boolean low = now.compareTo(before.reorderPoint) <= 0 && was.compareTo(before.reorderPoint) > 0;
        if ((critical || low) && location.manager != null && !location.manager.isBlank()) {
            String text = (critical ? "Critical stock: only " : "Only ") + amount(now.max(BigDecimal.ZERO), part) + " " + part.label()
                    + " remaining at " + location.name;
            notifications.post(location.manager, text, "inventory/stock");
        }
        events.publishEvent(new StockChanged(part.id, location.id, type));
    }

    static String amount(BigDecimal quantity, Part part) {
        String n = quantity.stripTrailingZeros().toPlainString();
        return part.unit == Unit.PIECE ? n : n + " " + part.unit.symbol();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
