package com.fleetdesk.inventory;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Purchase orders, transfers, cycle counts and reorder suggestions, through their services as the demo users. */
@FleetdeskTest
class InventoryWorkflowTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    PurchaseOrderService orders;
    @Autowired
    TransferService transfers;
    @Autowired
    CycleCountService counts;
    @Autowired
    ReorderPlanner planner;
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

    record Fixture(long part, String number, long lotPart, String lotNumber, long category, long a, String aName, long b, long supplier) {
    }

    private Fixture fixture() {
        return signedIn.as("warehouse", () -> {
            String suffix = SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000;
            long category = catalog.createCategory("Workflow " + suffix, null);
            String number = "WF-" + suffix;
            long part = catalog.createPart(number, "Workflow part", null, category, Unit.PIECE, new BigDecimal("4.00"), null, false, null);
            long lotPart = catalog.createPart("WFL-" + suffix, "Workflow oil", null, category, Unit.LITRE, new BigDecimal("5.00"), null, true, null);
            String aName = "Workflow A " + suffix;
            long a = catalog.createLocation(LocationKind.WAREHOUSE, aName, "Test", null, null);
            long b = catalog.createLocation(LocationKind.SERVICE_CENTRE, "Workflow B " + suffix, "Test", null, null);
            long supplier = catalog.createSupplier("Workflow supplier " + suffix, null, null);
            return new Fixture(part, number, lotPart, "WFL-" + suffix, category, a, aName, b, supplier);
        });
    }

    private BigDecimal onHand(long part, long location) {
        return jdbc.sql("select coalesce((select on_hand from stock_level where part_id = ? and location_id = ?), 0)")
                .params(part, location).query(BigDecimal.class).single();
    }

    private long movements(long part) {
        return jdbc.sql("select count(*) from stock_movement where part_id = ?").param(part).query(Long.class).single();
    }

    private void refused(String user, Runnable action, String... fragments) {
        assertThatThrownBy(() -> signedIn.run(user, action)).isInstanceOf(InvalidInputException.class).message().contains(fragments);
    }

    @Test
    void purchaseOrderGoesFromDraftToReceivedAndReceivingBooksReceipts() {
        Fixture f = fixture();
        long po = signedIn.as("warehouse", () -> {
            long id = orders.createDraft(f.supplier, f.a, "Monthly top-up");
            orders.addLine(id, orders.details(id).version(), f.part, new BigDecimal("5"), new BigDecimal("3.50"));
            orders.addLine(id, orders.details(id).version(), f.lotPart, new BigDecimal("20"), null);
            orders.submit(id);
            return id;
        });
        assertThat(signedIn.as("warehouse", () -> orders.details(po)).status()).isEqualTo(PurchaseOrderStatus.SUBMITTED);
        assertThatThrownBy(() -> signedIn.run("warehouse", () -> orders.approve(po))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("technician", () -> orders.approve(po))).isInstanceOf(AccessDeniedException.class);
        refused("warehouse", () -> orders.markOrdered(po), "is submitted and cannot be sent to the supplier");
        signedIn.run("manager", () -> orders.approve(po));
        signedIn.run("warehouse", () -> orders.markOrdered(po));

        PurchaseOrderDetails ordered = signedIn.as("warehouse", () -> orders.details(po));
        assertThat(ordered.approvedBy()).isEqualTo("manager");
        assertThat(ordered.lines().get(1).unitPrice()).as("the part's unit cost without a supplier price").isEqualByComparingTo("5.00");
        long pieceLine = ordered.lines().get(0).id();
        long oilLine = ordered.lines().get(1).id();

        signedIn.run("warehouse", () -> orders.receive(po, List.of(new PurchaseOrderService.Arrival(pieceLine, new BigDecimal("3"), null, null))));
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("3");
        assertThat(signedIn.as("warehouse", () -> orders.details(po)).status()).isEqualTo(PurchaseOrderStatus.PARTIALLY_RECEIVED);
        assertThat(jdbc.sql("select reference from stock_movement where part_id = ? and movement_type = 'RECEIPT'").param(f.part)
                .query(String.class).single()).isEqualTo("PO-" + po);

        // More than outstanding, a fraction of a piece, a lot-tracked part without its lot: refused, nothing booked.
        refused("warehouse", () -> orders.receive(po, List.of(new PurchaseOrderService.Arrival(pieceLine, new BigDecimal("3"), null, null))),
                "Only 2 of " + f.number + " are still outstanding on PO-" + po, "cannot receive 3");
        refused("warehouse", () -> orders.receive(po, List.of(new PurchaseOrderService.Arrival(pieceLine, new BigDecimal("1.5"), null, null))),
                "whole pieces");
        refused("warehouse", () -> orders.receive(po, List.of(
                        new PurchaseOrderService.Arrival(pieceLine, new BigDecimal("2"), null, null),
                        new PurchaseOrderService.Arrival(oilLine, new BigDecimal("20"), null, null))),
                "lot-tracked: enter the lot number");
        assertThat(onHand(f.part, f.a)).as("the first line of the refused receipt was rolled back").isEqualByComparingTo("3");
        assertThat(movements(f.part)).isEqualTo(1);

        signedIn.run("warehouse", () -> orders.receive(po, List.of(
                new PurchaseOrderService.Arrival(pieceLine, new BigDecimal("2"), null, null),
                new PurchaseOrderService.Arrival(oilLine, new BigDecimal("20"), "L-77", LocalDate.now().plusDays(200)))));
        PurchaseOrderDetails received = signedIn.as("warehouse", () -> orders.details(po));
        assertThat(received.status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("5");
        assertThat(signedIn.as("warehouse", () -> stock.lots(f.lotPart, f.a))).extracting(LotInfo::lotNumber).containsExactly("L-77");

        // A received order cannot be edited, received again or cancelled.
        refused("warehouse", () -> orders.addLine(po, received.version(), f.part, BigDecimal.ONE, BigDecimal.ONE),
                "PO-" + po + " is received: only a draft order can be edited");
        refused("warehouse", () -> orders.changeLine(po, received.version(), pieceLine, BigDecimal.TEN, BigDecimal.ONE), "only a draft order can be edited");
        refused("warehouse", () -> orders.changeHeader(po, received.version(), f.supplier, f.b, "x"), "only a draft order can be edited");
        refused("warehouse", () -> orders.cancel(po), "cannot be cancelled");
        assertThat(signedIn.as("warehouse", () -> orders.details(po)).lines().get(0).quantity()).isEqualByComparingTo("5");
    }

    @Test
    void draftsAreEditedWithOptimisticLockingAndBadLinesAreRefused() {
        Fixture f = fixture();
        long po = signedIn.as("warehouse", () -> orders.createDraft(f.supplier, f.a, null));
        long v0 = signedIn.as("warehouse", () -> orders.details(po)).version();
        signedIn.run("warehouse", () -> orders.addLine(po, v0, f.part, new BigDecimal("2"), new BigDecimal("1.00")));
        assertThatThrownBy(() -> signedIn.run("warehouse", () -> orders.changeHeader(po, v0, f.supplier, f.b, "stale")))
                .isInstanceOf(ChangedBySomeoneElseException.class);
        long v1 = signedIn.as("warehouse", () -> orders.details(po)).version();
        refused("warehouse", () -> orders.addLine(po, v1, f.part, BigDecimal.ONE, BigDecimal.ONE), "already on PO-" + po);
        refused("warehouse", () -> orders.addLine(po, v1, f.lotPart, new BigDecimal("-1"), BigDecimal.ONE), "above 0");
        refused("warehouse", () -> orders.addLine(po, v1, f.lotPart, BigDecimal.ONE, new BigDecimal("-2")), "0 or more");
        refused("warehouse", () -> orders.submit(signedIn.as("warehouse", () -> orders.createDraft(f.supplier, f.a, null))), "Add at least one part");
        assertThat(signedIn.as("warehouse", () -> orders.details(po)).lines()).hasSize(1);
    }

    @Test
    void transferLeavesTheSourceWhenShippedAndArrivesWhenReceived() {
        Fixture f = fixture();
        LocalDate expiry = LocalDate.now().plusDays(50);
        signedIn.run("warehouse", () -> {
            ledger.receive(f.part, f.a, new BigDecimal("10"), null, null, "PO-T");
            ledger.receive(f.lotPart, f.a, new BigDecimal("3"), "SOON", expiry, "PO-T");
            ledger.receive(f.lotPart, f.a, new BigDecimal("5"), "LATER", expiry.plusDays(100), "PO-T");
        });
        refused("warehouse", () -> transfers.request(f.part, f.a, f.a, BigDecimal.ONE, null), "Choose another location", "would stay at " + f.aName);
        refused("warehouse", () -> transfers.request(f.part, f.a, f.b, new BigDecimal("0.5"), null), "whole pieces");
        refused("warehouse", () -> transfers.request(f.part, f.a, f.b, new BigDecimal("-2"), null), "above 0");
        assertThatThrownBy(() -> signedIn.run("technician", () -> transfers.request(f.part, f.a, f.b, BigDecimal.ONE, null)))
                .isInstanceOf(AccessDeniedException.class);

        long tr = signedIn.as("warehouse", () -> transfers.request(f.part, f.a, f.b, new BigDecimal("4"), "for the workshop"));
        assertThat(onHand(f.part, f.a)).as("a request moves nothing yet").isEqualByComparingTo("10");
        signedIn.run("warehouse", () -> transfers.ship(tr));
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("6");
        assertThat(onHand(f.part, f.b)).isEqualByComparingTo("0");
        refused("warehouse", () -> transfers.cancel(tr), "in transit", "only a transfer that has not shipped can be cancelled");
        refused("warehouse", () -> transfers.ship(tr), "only a requested transfer can be shipped");
        signedIn.run("warehouse", () -> transfers.receive(tr));
        assertThat(onHand(f.part, f.b)).isEqualByComparingTo("4");
        assertThat(signedIn.as("warehouse", () -> transfers.list(TransferStatus.RECEIVED, f.b, 0, 10))).extracting(TransferRow::id).containsExactly(tr);
        assertThat(jdbc.sql("select movement_type || ' ' || quantity from stock_movement where part_id = ? and reference = ? order by id")
                .params(f.part, "TR-" + tr).query(String.class).list()).containsExactly("TRANSFER_OUT -4.000", "TRANSFER_IN 4.000");

        // Lots travel with their expiry dates, first-expiring first; too much to ship is refused.
        long oil = signedIn.as("warehouse", () -> transfers.request(f.lotPart, f.a, f.b, new BigDecimal("4.5"), null));
        long tooMuch = signedIn.as("warehouse", () -> transfers.request(f.lotPart, f.a, f.b, new BigDecimal("9"), null));
        signedIn.run("warehouse", () -> transfers.ship(oil));
        refused("warehouse", () -> transfers.ship(tooMuch), "Only 3.5 L");
        signedIn.run("warehouse", () -> transfers.receive(oil));
        signedIn.run("warehouse", () -> transfers.cancel(tooMuch));
        List<LotInfo> lots = signedIn.as("warehouse", () -> stock.lots(f.lotPart, f.b));
        assertThat(lots).extracting(LotInfo::lotNumber).containsExactly("SOON", "LATER");
        assertThat(lots.get(0).expiryDate()).isEqualTo(expiry);
        assertThat(lots.get(1).onHand()).isEqualByComparingTo("1.5");
    }

    @Test
    void cycleCountVariancesAreBookedOnlyWhenSomeoneElseApproves() {
        Fixture f = fixture();
        signedIn.run("warehouse", () -> {
            ledger.receive(f.part, f.a, new BigDecimal("10"), null, null, "PO-C");
            ledger.receive(f.lotPart, f.a, new BigDecimal("6"), "LOT-A", LocalDate.now().plusDays(30), "PO-C");
        });
        long id = signedIn.as("warehouse", () -> counts.create(f.a, f.category));
        CycleCountSheet sheet = signedIn.as("warehouse", () -> counts.sheet(id));
        assertThat(sheet.lines()).extracting(CycleCountSheet.Line::partId).containsExactlyInAnyOrder(f.part, f.lotPart);
        long pieceLine = sheet.lines().stream().filter(l -> l.partId() == f.part).findFirst().orElseThrow().id();
        long oilLine = sheet.lines().stream().filter(l -> l.partId() == f.lotPart).findFirst().orElseThrow().id();

        refused("warehouse", () -> counts.enterCount(id, pieceLine, new BigDecimal("-1")), "cannot be negative");
        refused("warehouse", () -> counts.enterCount(id, pieceLine, new BigDecimal("7.5")), "whole pieces");
        signedIn.run("warehouse", () -> counts.enterCount(id, pieceLine, new BigDecimal("8")));
        refused("warehouse", () -> counts.submit(id), "1 line is not counted yet");
        signedIn.run("warehouse", () -> counts.enterCount(id, oilLine, new BigDecimal("6.5")));
        signedIn.run("warehouse", () -> counts.submit(id));
        refused("warehouse", () -> counts.enterCount(id, pieceLine, new BigDecimal("9")), "can no longer be changed");

        // Meanwhile a technician-free issue: 3 pieces leave after the snapshot.
        signedIn.run("warehouse", () -> ledger.issue(f.part, f.a, new BigDecimal("3"), null, "WO-C"));
        assertThatThrownBy(() -> signedIn.run("warehouse", () -> counts.approve(id))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> signedIn.run("technician", () -> counts.approve(id))).isInstanceOf(AccessDeniedException.class);
        signedIn.run("manager", () -> counts.approve(id));

        // Variance against the snapshot (8 counted − 10 expected = −2) applied on top of today's 7.
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("5");
        assertThat(onHand(f.lotPart, f.a)).isEqualByComparingTo("6.5");
        assertThat(jdbc.sql("select reason || ' ' || quantity from stock_movement where part_id = ? and movement_type = 'ADJUSTMENT'")
                .param(f.part).query(String.class).single()).isEqualTo("cycle count #" + id + " -2.000");
        assertThat(signedIn.as("warehouse", () -> counts.sheet(id)).status()).isEqualTo(CycleCountStatus.APPROVED);
        refused("manager", () -> counts.approve(id), "only a submitted count can be approved");
    }

    @Test
    void theCounterCannotApproveTheirOwnCount() {
        Fixture f = fixture();
        signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, new BigDecimal("4"), null, null, "PO-S"));
        long id = signedIn.as("admin", () -> counts.create(f.a, f.category));
        signedIn.run("admin", () -> {
            for (CycleCountSheet.Line line : counts.sheet(id).lines()) {
                counts.enterCount(id, line.id(), BigDecimal.ONE);
            }
            counts.submit(id);
        });
        refused("admin", () -> counts.approve(id), "You submitted cycle count #" + id, "someone else must approve");
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("4");
    }

    @Test
    void reorderSuggestionsFollowTheForecastAndBecomeDraftOrdersPerSupplier() {
        Fixture f = fixture();
        long slow = signedIn.as("warehouse", () -> catalog.createSupplier("Slow supplier " + f.number, null, null));
        signedIn.run("warehouse", () -> {
            catalog.linkSupplier(f.part, slow, 12, new BigDecimal("3.00"));
            catalog.linkSupplier(f.part, f.supplier, 5, new BigDecimal("3.80"));
            catalog.setLevelSettings(f.part, f.a, new BigDecimal("20"), new BigDecimal("5"), new BigDecimal("120"), "Z1");
        });
        // 60 days of issues growing from 1 to about 4 a day, booked in the past (receipt first, level kept equal to the ledger).
        LocalDate today = LocalDate.now();
        jdbc.sql("insert into stock_movement (part_id, location_id, movement_type, quantity, reference, username, moved_at) values (?, ?, 'RECEIPT', 400, 'PO-H', 'warehouse', now() - interval '61 days')")
                .params(f.part, f.a).update();
        double issued = 0;
        for (int d = 60; d >= 1; d--) {
            int qty = (int) Math.round(1 + (60 - d) * 0.05);
            issued += qty;
            jdbc.sql("insert into stock_movement (part_id, location_id, movement_type, quantity, reference, username, moved_at) values (?, ?, 'ISSUE', ?, 'WO-H', 'warehouse', cast(? as date) + time '12:00')")
                    .params(f.part, f.a, -qty, today.minusDays(d)).update();
        }
        // Left on the shelf: 30, which the next 5 days of lead time (about 20) bring below the reorder point.
        long left = 30;
        jdbc.sql("insert into stock_movement (part_id, location_id, movement_type, quantity, reason, username) values (?, ?, 'ADJUSTMENT', ?, 'history fixture', 'warehouse')")
                .params(f.part, f.a, left - (400 - issued)).update();
        jdbc.sql("update stock_level set on_hand = ? where part_id = ? and location_id = ?").params(left, f.part, f.a).update();

        List<ReorderSuggestion> suggestions = signedIn.as("warehouse", () -> planner.suggestions(f.a, 14, false));
        ReorderSuggestion s = suggestions.stream().filter(x -> x.partId() == f.part).findFirst().orElseThrow();
        assertThat(s.supplierId()).as("the supplier with the shorter lead time").isEqualTo(f.supplier);
        assertThat(s.leadTimeDays()).isEqualTo(5);
        assertThat(s.demandOverLeadTime()).isBetween(16.0, 24.0);
        assertThat(s.demandOverHorizon()).isBetween(14 * 3.5, 14 * 4.6);
        assertThat(s.demandLow()).isLessThan(s.demandOverHorizon());
        assertThat(s.demandHigh()).isGreaterThan(s.demandOverHorizon());
        assertThat(s.needsOrder()).isTrue();
        assertThat(s.suggestedQuantity().doubleValue()).as("up to the maximum of 120").isBetween(120 - 30 + 16.0, 120 - 30 + 24.0);
        assertThatThrownBy(() -> signedIn.run("warehouse", () -> planner.suggestions(f.a, 45, false))).hasMessageContaining("7 to 30 days");

        List<Long> created = signedIn.as("warehouse", () -> planner.createDraftOrders(List.of(s)));
        assertThat(created).hasSize(1);
        PurchaseOrderDetails draft = signedIn.as("warehouse", () -> orders.details(created.getFirst()));
        assertThat(draft.status()).isEqualTo(PurchaseOrderStatus.DRAFT);
        assertThat(draft.supplierId()).isEqualTo(f.supplier);
        assertThat(draft.locationId()).isEqualTo(f.a);
        assertThat(draft.lines()).singleElement().satisfies(l -> {
            assertThat(l.partId()).isEqualTo(f.part);
            assertThat(l.quantity()).isEqualByComparingTo(s.suggestedQuantity());
            assertThat(l.unitPrice()).isEqualByComparingTo("3.80");
        });
        // What is on order counts: once submitted, the part no longer needs ordering.
        signedIn.run("warehouse", () -> orders.submit(created.getFirst()));
        ReorderSuggestion after = signedIn.as("warehouse", () -> planner.suggestions(f.a, 14, false)).stream()
                .filter(x -> x.partId() == f.part).findFirst().orElseThrow();
        assertThat(after.onOrder()).isEqualByComparingTo(s.suggestedQuantity());
        assertThat(after.needsOrder()).isFalse();
    }

    @Test
    void catalogueEditsRefuseDuplicatesAndStaleVersions() {
        Fixture f = fixture();
        String otherNumber = signedIn.as("warehouse", () -> {
            long other = catalog.createPart("WFO-" + f.number, "Other", null, f.category, Unit.PIECE, BigDecimal.ONE, "BC-" + f.number, false, null);
            return catalog.part(other).getPartNumber();
        });
        PartForm form = signedIn.as("warehouse", () -> catalog.part(f.part));
        form.setPartNumber(otherNumber.toLowerCase());
        refused("warehouse", () -> catalog.savePart(form), "Part number " + otherNumber + " is already in use");
        form.setPartNumber(f.number);
        form.setBarcode("BC-" + f.number);
        refused("warehouse", () -> catalog.savePart(form), "Barcode BC-" + f.number + " already belongs to another part");
        form.setBarcode(null);
        form.setUnitCost(new BigDecimal("-1"));
        refused("warehouse", () -> catalog.savePart(form), "0 or more");
        form.setUnitCost(new BigDecimal("4.25"));
        form.setName("Renamed part");
        PartForm saved = signedIn.as("warehouse", () -> catalog.savePart(form));
        assertThat(saved.getVersion()).isEqualTo(form.getVersion() + 1);
        form.setName("Stale edit");
        assertThatThrownBy(() -> signedIn.run("warehouse", () -> catalog.savePart(form))).isInstanceOf(ChangedBySomeoneElseException.class);
        assertThat(signedIn.as("warehouse", () -> catalog.part(f.part)).getName()).isEqualTo("Renamed part");

        signedIn.run("warehouse", () -> ledger.receive(f.part, f.a, BigDecimal.ONE, null, null, "PO-U"));
        saved.setUnit(Unit.KG);
        refused("warehouse", () -> catalog.savePart(saved), "the unit cannot change");
        refused("warehouse", () -> catalog.updateCategory(f.category, "Loop", f.category), "cannot be placed under itself");
        assertThatThrownBy(() -> signedIn.run("technician", () -> catalog.savePart(saved))).isInstanceOf(AccessDeniedException.class);

        LocationForm location = signedIn.as("warehouse", () -> catalog.location(f.b));
        location.setManagerUsername("nobody-here");
        refused("warehouse", () -> catalog.saveLocation(location), "There is no user called nobody-here");
        location.setManagerUsername("manager2");
        assertThat(signedIn.as("warehouse", () -> catalog.saveLocation(location)).getManagerUsername()).isEqualTo("manager2");
        Map<String, Object> row = jdbc.sql("select version, updated_by from stock_location where id = ?").param(f.b).query().singleRow();
        assertThat(row.get("updated_by")).isEqualTo("warehouse");
    }

    @Test
    void concurrentReceivingAndShippingNeverBookTwice() throws Exception {
        Fixture f = fixture();
        long po = signedIn.as("warehouse", () -> {
            long id = orders.createDraft(f.supplier, f.a, null);
            orders.addLine(id, orders.details(id).version(), f.part, new BigDecimal("5"), BigDecimal.ONE);
            orders.submit(id);
            return id;
        });
        signedIn.run("admin", () -> orders.approve(po));
        signedIn.run("warehouse", () -> orders.markOrdered(po));
        long line = signedIn.as("warehouse", () -> orders.details(po)).lines().getFirst().id();
        long tr = signedIn.as("warehouse", () -> transfers.request(f.part, f.a, f.b, new BigDecimal("2"), null));

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
        List<java.util.concurrent.Future<String>> receipts = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            receipts.add(pool.submit(() -> signedIn.as("warehouse", () -> {
                try {
                    start.await();
                    orders.receive(po, List.of(new PurchaseOrderService.Arrival(line, BigDecimal.ONE, null, null)));
                    return "received";
                } catch (InvalidInputException e) {
                    return "refused";
                } catch (Exception e) {
                    return "unexpected " + e;
                }
            })));
        }
        List<String> outcomes = new java.util.ArrayList<>();
        for (var r : receipts) {
            outcomes.add(r.get());
        }
        assertThat(outcomes).filteredOn("received"::equals).hasSize(5);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(3);
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("5");
        assertThat(signedIn.as("warehouse", () -> orders.details(po)).status()).isEqualTo(PurchaseOrderStatus.RECEIVED);

        java.util.concurrent.CyclicBarrier again = new java.util.concurrent.CyclicBarrier(4);
        List<java.util.concurrent.Future<String>> ships = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            ships.add(pool.submit(() -> signedIn.as("warehouse", () -> {
                try {
                    again.await();
                    transfers.ship(tr);
                    return "shipped";
                } catch (InvalidInputException e) {
                    return "refused";
                } catch (Exception e) {
                    return "unexpected " + e;
                }
            })));
        }
        List<String> shipped = new java.util.ArrayList<>();
        for (var r : ships) {
            shipped.add(r.get());
        }
        pool.shutdown();
        assertThat(shipped).containsExactlyInAnyOrder("shipped", "refused", "refused", "refused");
        assertThat(onHand(f.part, f.a)).isEqualByComparingTo("3");
        assertThat(movements(f.part)).as("5 receipts and one TRANSFER_OUT").isEqualTo(6);
    }

    @Test
    void fleetManagersApproveOnlyForTheirDepotsLocations() {
        long centre = jdbc.sql("select id from stock_location where manager_username = 'manager' and depot_id is not null order by id limit 1")
                .query(Long.class).single();
        long supplier = signedIn.as("warehouse", () -> orders.suppliers().getFirst().id());
        long part = jdbc.sql("select id from part where not lot_tracked and unit = 'PIECE' order by id limit 1").query(Long.class).single();
        long po = signedIn.as("warehouse", () -> {
            long id = orders.createDraft(supplier, centre, "Scope test");
            orders.addLine(id, orders.details(id).version(), part, BigDecimal.ONE, BigDecimal.ONE);
            orders.submit(id);
            return id;
        });
        assertThat(signedIn.as("manager2", () -> orders.details(po)).mayApprove()).isFalse();
        assertThatThrownBy(() -> signedIn.run("manager2", () -> orders.approve(po)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("fleet manager of the location's depot");
        assertThat(signedIn.as("manager", () -> orders.details(po)).mayApprove()).isTrue();
        signedIn.run("manager", () -> orders.approve(po));
        assertThat(signedIn.as("warehouse", () -> orders.details(po)).approvedBy()).isEqualTo("manager");
    }
}
