package com.fleetdesk.inventory;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class StockLedgerTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    StockLedger ledger;
    @Autowired
    InventoryCatalog catalog;
    @Autowired
    StockService stock;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcClient jdbc;

    record Fixture(long part, String number, long a, String aName, long b) {
    }

    private Fixture fixture(Unit unit, boolean lotTracked, String manager) {
        return signedIn.as("warehouse", () -> {
            int n = SEQ.incrementAndGet();
            String suffix = n + "-" + System.nanoTime() % 100000;
            long category = catalog.createCategory("Test " + suffix, null);
            String number = "TST-" + suffix;
            long part = catalog.createPart(number, "Test part " + n, null, category, unit, new BigDecimal("9.99"), null, lotTracked, null);
            String aName = "Test location A " + suffix;
            long a = catalog.createLocation(LocationKind.SERVICE_CENTRE, aName, "Test", null, manager);
            long b = catalog.createLocation(LocationKind.WAREHOUSE, "Test location B " + suffix, "Test", null, null);
            return new Fixture(part, number, a, aName, b);
        });
    }

    private long movements(long part) {
        return jdbc.sql("select count(*) from stock_movement where part_id = ?").param(part).query(Long.class).single();
    }

    private StockRow level(Fixture f, long location) {
        return signedIn.as("warehouse", () -> stock.level(f.part, location)).orElseThrow();
    }

    private void refused(Runnable action, String... fragments) {
        assertThatThrownBy(() -> signedIn.run("warehouse", action))
                .isInstanceOf(InvalidInputException.class)
                .message().contains(fragments);
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndChangesNothing() {
        Fixture f = fixture(Unit.PIECE, false, null);
        signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, new BigDecimal("5"), null, null, "PO-1"));

        refused(() -> ledger.issue(f.part, f.a, new BigDecimal("-1"), null, "WO-1"), "above 0");
        refused(() -> ledger.receive(f.part, f.a, BigDecimal.ZERO, null, null, "PO-2"), "above 0");
        refused(() -> ledger.issue(f.part, f.a, new BigDecimal("1.5"), null, "WO-1"), f.number, "whole pieces");
        refused(() -> ledger.receive(f.part, f.a, new BigDecimal("0.25"), null, null, "PO-2"), "whole pieces");
        refused(() -> ledger.issue(f.part, f.a, new BigDecimal("6"), null, "WO-1"), "Only 5 " + f.number, "available at " + f.aName);
        refused(() -> ledger.transfer(f.part, f.a, f.a, BigDecimal.ONE, "TR-1"), "already at " + f.aName);
        refused(() -> ledger.adjust(f.part, f.a, new BigDecimal("-1"), null, "  "), "reason");
        refused(() -> ledger.adjust(f.part, f.a, new BigDecimal("-1"), null, null), "reason");
        refused(() -> ledger.adjust(f.part, f.a, BigDecimal.ZERO, null, "stock-take"), "change in stock");
        refused(() -> ledger.receive(f.part, f.a, BigDecimal.ONE, "LOT-1", null, "PO-3"), "not lot-tracked");
        long category = jdbc.sql("select category_id from part where id = ?").param(f.part).query(Long.class).single();
        refused(() -> catalog.createPart(f.number.toLowerCase(), "Copy", null, category, Unit.PIECE, BigDecimal.ONE, null, false, null),
                "Part number " + f.number + " is already in use");

        StockRow after = level(f, f.a);
        assertThat(after.onHand()).isEqualByComparingTo("5");
        assertThat(after.reserved()).isEqualByComparingTo("0");
        assertThat(movements(f.part)).isEqualTo(1);
    }

    @Test
    void theLastUnitCanBeIssuedOnlyOnce() {
        Fixture f = fixture(Unit.PIECE, false, null);
        signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, BigDecimal.ONE, null, null, "PO-1"));
        signedIn.run("warehouse", () -> ledger.issue(f.part, f.a, BigDecimal.ONE, null, "WO-1"));
        refused(() -> ledger.issue(f.part, f.a, BigDecimal.ONE, null, "WO-2"), "Only 0 " + f.number + " (Test part", "available at " + f.aName);
        assertThat(level(f, f.a).onHand()).isEqualByComparingTo("0");
    }

    @Test
    void twoPeopleIssuingTheLastUnitAtOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            Fixture f = fixture(Unit.PIECE, false, null);
            signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, BigDecimal.ONE, null, null, "PO-1"));
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (String who : List.of("warehouse", "admin")) {
                outcomes.add(pool.submit(() -> signedIn.as(who, () -> {
                    try {
                        start.await();
                        ledger.issue(f.part, f.a, BigDecimal.ONE, null, "WO-" + who);
                        return "issued";
                    } catch (InvalidInputException e) {
                        return e.getMessage();
                    } catch (Exception e) {
                        return "unexpected " + e;
                    }
                })));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> o : outcomes) {
                results.add(o.get());
            }
            pool.shutdown();
            assertThat(results).filteredOn("issued"::equals).hasSize(1);
            assertThat(results).filteredOn(r -> !r.equals("issued")).singleElement().asString()
                    .startsWith("Only 0 " + f.number + " (Test part").contains("available at " + f.aName);
            assertThat(level(f, f.a).onHand()).isEqualByComparingTo("0");
            assertThat(movements(f.part)).isEqualTo(2);
        }
    }

    @Test
    void reservationsReduceWhatIsAvailable() {
        Fixture f = fixture(Unit.PIECE, false, null);
        signedIn.run("warehouse", () -> {
            ledger.receive(f.part, f.a, new BigDecimal("5"), null, null, "PO-1");
            ledger.reserve(f.part, f.a, new BigDecimal("4"), "WO-9");
        });
        refused(() -> ledger.issue(f.part, f.a, new BigDecimal("2"), null, "WO-1"), "Only 1 ");
        refused(() -> ledger.release(f.part, f.a, new BigDecimal("5"), "WO-9"), "Only 4 ", "reserved");
        signedIn.run("warehouse", () -> {
            ledger.release(f.part, f.a, new BigDecimal("4"), "WO-9");
            ledger.issue(f.part, f.a, new BigDecimal("2"), null, "WO-1");
        });
        StockRow row = level(f, f.a);
        assertThat(row.onHand()).isEqualByComparingTo("3");
        assertThat(row.reserved()).isEqualByComparingTo("0");
    }

    @Test
    void lotsAreIssuedFirstExpiringFirstAndExpiredLotsAreRefused() {
        Fixture f = fixture(Unit.LITRE, true, null);
        LocalDate today = LocalDate.now();
        signedIn.run("warehouse", () -> {
            ledger.receive(f.part, f.a, new BigDecimal("5"), "LATE", today.plusDays(300), "PO-1");
            ledger.receive(f.part, f.a, new BigDecimal("3"), "SOON", today.plusDays(10), "PO-2");
            ledger.receive(f.part, f.a, new BigDecimal("2"), "OLD", today.plusDays(2), "PO-3");
        });
        refused(() -> ledger.receive(f.part, f.a, BigDecimal.ONE, null, null, "PO-4"), "lot-tracked");
        refused(() -> ledger.receive(f.part, f.a, BigDecimal.ONE, "GONE", today.minusDays(1), "PO-4"), "expired");
        // The OLD lot expires (stock_lot is state, not ledger; a test may age it).
        jdbc.sql("update stock_lot set expiry_date = ? where part_id = ? and lot_number = 'OLD'").params(today.minusDays(1), f.part).update();

        refused(() -> ledger.issue(f.part, f.a, BigDecimal.ONE, "OLD", "WO-1"), "Lot OLD", "expired on");
        refused(() -> ledger.issue(f.part, f.a, new BigDecimal("9"), null, "WO-1"), "Only 8 L", "2 L more in expired lots");

        signedIn.run("warehouse", () -> ledger.issue(f.part, f.a, new BigDecimal("4.5"), null, "WO-2"));
        List<Map<String, Object>> issued = jdbc.sql("select lot_number, quantity from stock_movement where part_id = ? and movement_type = 'ISSUE' order by id")
                .param(f.part).query().listOfRows();
        assertThat(issued).extracting(r -> r.get("lot_number")).containsExactly("SOON", "LATE");
        assertThat((BigDecimal) issued.get(0).get("quantity")).isEqualByComparingTo("-3");
        assertThat((BigDecimal) issued.get(1).get("quantity")).isEqualByComparingTo("-1.5");

        List<LotInfo> lots = signedIn.as("warehouse", () -> stock.lots(f.part, f.a));
        assertThat(lots).extracting(LotInfo::lotNumber).containsExactly("OLD", "LATE");
        assertThat(lots.get(0).expired()).isTrue();
        assertThat(level(f, f.a).expiredInLots()).isEqualByComparingTo("2");

        // The expired lot can be written off with a reasoned adjustment; transfers carry lots along.
        signedIn.run("warehouse", () -> {
            ledger.adjust(f.part, f.a, new BigDecimal("-2"), "OLD", "Expired, disposed of");
            ledger.transfer(f.part, f.a, f.b, new BigDecimal("1.5"), "TR-1");
        });
        assertThat(level(f, f.a).onHand()).isEqualByComparingTo("2");
        assertThat(signedIn.as("warehouse", () -> stock.lots(f.part, f.b))).extracting(LotInfo::lotNumber).containsExactly("LATE");
        assertLedgerMatchesLevels();
    }

    @Test
    void theLedgerIsAppendOnlyInTheDatabase() {
        Fixture f = fixture(Unit.PIECE, false, null);
        signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, BigDecimal.TEN, null, null, "PO-1"));
        assertThatThrownBy(() -> jdbc.sql("update stock_movement set quantity = 100 where part_id = ?").param(f.part).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from stock_movement where part_id = ?").param(f.part).update())
                .hasMessageContaining("append-only");
        assertThat(movements(f.part)).isEqualTo(1);
    }

    @Test
    void fallingToTheReorderPointTellsTheLocationManager() {
        Fixture f = fixture(Unit.PIECE, false, "manager");
        signedIn.run("warehouse", () -> {
            catalog.setLevelSettings(f.part, f.a, new BigDecimal("3"), BigDecimal.ONE, BigDecimal.TEN, "A1");
            ledger.receive(f.part, f.a, new BigDecimal("5"), null, null, "PO-1");
            ledger.issue(f.part, f.a, new BigDecimal("2"), null, "WO-1");
        });
        String text = jdbc.sql("select text from user_notification where username = 'manager' order by id desc limit 1").query(String.class).single();
        assertThat(text).isEqualTo("Only 3 " + f.number + " (Test part " + f.number.split("-")[1] + ") remaining at " + f.aName);
        assertThat(level(f, f.a).status()).isEqualTo(StockStatus.LOW);
        signedIn.run("warehouse", () -> ledger.issue(f.part, f.a, new BigDecimal("2"), null, "WO-2"));
        text = jdbc.sql("select text from user_notification where username = 'manager' order by id desc limit 1").query(String.class).single();
        assertThat(text).startsWith("Critical stock: only 1 " + f.number);
        assertThat(level(f, f.a).status()).isEqualTo(StockStatus.CRITICAL);
    }

    @Test
    void rolesAndLocationsLimitWhoMayChangeStock() {
        Fixture f = fixture(Unit.PIECE, false, null);
        signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, BigDecimal.TEN, null, null, "PO-1"));
        assertThatThrownBy(() -> signedIn.run("technician", () -> ledger.adjust(f.part, f.a, BigDecimal.ONE, null, "count")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("technician", () -> ledger.issue(f.part, f.a, BigDecimal.ONE, null, "WO-1")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("your own depots");
        assertThatThrownBy(() -> signedIn.run("driver", () -> ledger.issue(f.part, f.a, BigDecimal.ONE, null, "WO-1")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(level(f, f.a).onHand()).isEqualByComparingTo("10");
    }

    @Test
    void concurrentMovementsKeepLevelsEqualToTheLedger() throws Exception {
        List<Fixture> parts = List.of(fixture(Unit.PIECE, false, "warehouse"), fixture(Unit.PIECE, false, null), fixture(Unit.LITRE, true, null));
        long[] locations = {parts.get(0).a, parts.get(0).b, parts.get(1).a};
        LocalDate expiry = LocalDate.now().plusDays(100);
        signedIn.run("warehouse", () -> {
            for (Fixture f : parts) {
                for (long location : locations) {
                    catalog.setLevelSettings(f.part, location, new BigDecimal("4"), new BigDecimal("2"), null, null);
                    ledger.receive(f.part, location, new BigDecimal("6"), f == parts.get(2) ? "LC-0" : null, f == parts.get(2) ? expiry : null, "CC-init-" + f.part + "-" + location);
                }
            }
        });
        AtomicLong succeeded = new AtomicLong(9);
        AtomicLong refused = new AtomicLong();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> signedIn.run("warehouse", () -> {
                SplittableRandom random = new SplittableRandom(4711 + thread);
                for (int i = 0; i < 200; i++) {
                    Fixture f = parts.get(random.nextInt(parts.size()));
                    boolean lots = f == parts.get(2);
                    long at = locations[random.nextInt(locations.length)];
                    long other = locations[random.nextInt(locations.length)];
                    BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(3));
                    String ref = "CC-" + thread + "-" + i;
                    try {
                        switch (random.nextInt(6)) {
                            case 0, 1 -> ledger.issue(f.part, at, qty, null, ref);
                            case 2 -> ledger.receive(f.part, at, qty, lots ? "LC-" + random.nextInt(3) : null, lots ? expiry.plusDays(random.nextInt(3)) : null, ref);
                            case 3 -> ledger.transfer(f.part, at, other, qty, ref);
                            case 4 -> ledger.reserve(f.part, at, BigDecimal.ONE, ref);
                            default -> ledger.release(f.part, at, BigDecimal.ONE, ref);
                        }
                        succeeded.incrementAndGet();
                    } catch (InvalidInputException e) {
                        refused.incrementAndGet();
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            })));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();
        assertThat(refused.get()).as("some operations ran out of stock").isPositive();
        long references = jdbc.sql("""
                        select count(distinct reference) from stock_movement where reference like 'CC-%' and part_id in (?, ?, ?)
                        """).params(parts.get(0).part, parts.get(1).part, parts.get(2).part).query(Long.class).single();
        assertThat(references).as("one set of movements per successful operation").isEqualTo(succeeded.get());
        assertLedgerMatchesLevels();
    }

    /** For every stock level in the database: on hand and reserved equal the ledger, lots add up, nothing negative. */
    private void assertLedgerMatchesLevels() {
        List<String> mismatches = jdbc.sql("""
                        select l.part_id || '@' || l.location_id || ' on_hand=' || l.on_hand || ' ledger=' || coalesce(m.on_hand, 0)
                               || ' reserved=' || l.reserved || ' ledger=' || coalesce(m.reserved, 0) || ' lots=' || coalesce(t.lots, -1)
                          from stock_level l join part p on p.id = l.part_id
                          left join (select part_id, location_id,
                                            sum(quantity) filter (where movement_type not in ('RESERVE','RELEASE')) as on_hand,
                                            sum(quantity) filter (where movement_type in ('RESERVE','RELEASE')) as reserved
                                       from stock_movement group by part_id, location_id) m
                                 on m.part_id = l.part_id and m.location_id = l.location_id
                          left join (select part_id, location_id, sum(on_hand) as lots from stock_lot group by part_id, location_id) t
                                 on t.part_id = l.part_id and t.location_id = l.location_id
                         where l.on_hand <> coalesce(m.on_hand, 0) or l.reserved <> coalesce(m.reserved, 0)
                            or l.on_hand < 0 or l.reserved < 0 or l.reserved > l.on_hand
                            or (p.lot_tracked and l.on_hand <> coalesce(t.lots, 0))
                        """).query(String.class).list();
        assertThat(mismatches).isEmpty();
        assertThat(jdbc.sql("select count(*) from stock_level").query(Long.class).single()).isGreaterThan(200);
    }
}
