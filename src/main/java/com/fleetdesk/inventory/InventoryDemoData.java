package com.fleetdesk.inventory;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.FleetDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * About 200 fleet parts in a category tree, suppliers, a central warehouse and a service centre
 * per depot, and opening stock booked as RECEIPT movements through the {@link StockLedger} (so on
 * hand equals the ledger from the start), followed by some issues to work orders; a few parts
 * end up at or below their reorder point.
 */
@Component
class InventoryDemoData implements DemoDataContributor {

    private static final String[] MODELS = {"Ford Transit", "Mercedes-Benz Sprinter", "Volkswagen Crafter", "Vauxhall Vivaro",
            "Renault Master", "Iveco Daily", "Ford Ranger", "Toyota Hilux", "Skoda Octavia", "Toyota Corolla", "DAF LF", "Volvo FL"};
    private static final String[] TYRES = {"195/65R15", "205/55R16", "225/45R17", "205/65R16C", "215/65R16C", "225/65R16C",
            "235/65R16C", "265/65R17", "215/75R17.5", "245/70R17.5", "295/80R22.5", "315/80R22.5"};
    private static final String[] BULBS = {"H1", "H4", "H7", "H11", "HB3", "HB4", "W5W", "P21W", "PY21W", "P21/5W", "R5W", "C5W", "H7 LED"};
    private static final String[] BATTERIES = {"063 45Ah", "075 60Ah", "096 70Ah", "110 80Ah", "115 95Ah", "019 100Ah", "643 180Ah", "664 225Ah"};

    private record Family(String prefix, String name, String category, Unit unit, String cost, boolean lotTracked, List<String> variants,
                          boolean perModel) {
    }

    private final InventoryCatalog catalog;
    private final StockLedger ledger;
    private final DepotService depots;
    private final FleetDirectory fleet;
    private final JdbcClient jdbc;

    private final PurchaseOrderService orders;
    private final TransferService transfers;
    private final CycleCountService counts;

    InventoryDemoData(InventoryCatalog catalog, StockLedger ledger, DepotService depots, FleetDirectory fleet, JdbcClient jdbc,
                      PurchaseOrderService orders, TransferService transfers, CycleCountService counts) {
        this.orders = orders;
        this.transfers = transfers;
        this.counts = counts;
        this.catalog = catalog;
        this.ledger = ledger;
        this.depots = depots;
        this.fleet = fleet;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public boolean alreadyLoaded() {
        return jdbc.sql("select exists (select 1 from part)").query(Boolean.class).single();
    }

    @Override
    public void load(DemoDataSettings settings, RandomGenerator random) {
        Map<String, Long> categories = categories();
        List<Long> suppliers = new ArrayList<>();
        for (String[] s : new String[][]{{"Northern Motor Factors Ltd", "orders@northernmotorfactors.example", "0161 496 0101"},
                {"Pennine Truck Parts", "sales@penninetruckparts.example", "01706 496 020"},
                {"TyreLine Commercial", "fleet@tyreline.example", "0161 496 0333"},
                {"Mersey Lubricants", "trade@merseylube.example", "0151 496 0404"},
                {"Lancashire Auto Electrics", "counter@lancsautoelectrics.example", "01204 496 055"}}) {
            suppliers.add(catalog.createSupplier(s[0], s[1], s[2]));
        }

        long warehouse = catalog.createLocation(LocationKind.WAREHOUSE, "Central Warehouse", "Greater Manchester", null, "warehouse");
        List<Long> centres = new ArrayList<>();
        for (Depot depot : depots.visibleDepots()) {
            String manager = fleet.depotManagers(depot.getId()).stream().findFirst().orElse(null);
            centres.add(catalog.createLocation(LocationKind.SERVICE_CENTRE, depot.getName() + " Service Centre", "Greater Manchester",
                    depot.getId(), manager));
        }

        LocalDate today = LocalDate.now();
        int index = 0;
        for (Family family : families()) {
            int n = 0;
            for (String variant : family.variants) {
                n++;
                index++;
                String number = family.prefix + "-" + (100 + n);
                String name = family.perModel ? family.name + ", " + variant : family.name + " " + variant;
                BigDecimal cost = new BigDecimal(family.cost).multiply(BigDecimal.valueOf(0.8 + random.nextDouble() * 0.5)).setScale(2, RoundingMode.HALF_UP);
                long partId = catalog.createPart(number, name, null, categories.get(family.category), family.unit, cost,
                        ean13("50" + String.format("%010d", 1_000_000L * (index % 97) + random.nextLong(1_000_000L))),
                        family.lotTracked, family.perModel ? variant : null);
                catalog.linkSupplier(partId, suppliers.get(random.nextInt(suppliers.size())), 1 + random.nextInt(10),
                        cost.multiply(new BigDecimal("0.85")).setScale(2, RoundingMode.HALF_UP));

                boolean bulk = family.unit != Unit.PIECE;
                int scale = bulk ? 10 : 1;
                stock(partId, warehouse, family, random, 10 * scale, 4 * scale, 80 * scale, "A" + (1 + index % 24) + "-" + (1 + index % 6),
                        index % 41 == 0, today);
                for (int c = 0; c < centres.size(); c++) {
                    if (random.nextInt(100) < 55) {
                        stock(partId, centres.get(c), family, random, 4 * scale, 2 * scale, 20 * scale, "SC-" + (1 + index % 12),
                                index % 29 == c, today);
                    }
                }
            }
        }
        issueToWorkOrders(centres, random);
        workshopHistory(centres, random, today);
        workflows(warehouse, centres, suppliers, random, today);
    }

    /**
     * Sixty days of workshop use before today, so forecasts have history: per stock line a dated
     * receipt and the dated issues it covered. Each pair of receipt and issues adds up to zero, so
     * on hand stays equal to the ledger sum; some parts are used more and more (a trend to forecast).
     */
    private void workshopHistory(List<Long> centres, RandomGenerator random, LocalDate today) {
        List<long[]> levels = jdbc.sql("""
                        select l.part_id, l.location_id from stock_level l join part p on p.id = l.part_id
                         where l.location_id in (:centres) and not p.lot_tracked and p.unit = 'PIECE' order by l.id
                        """).param("centres", centres)
                .query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        List<Object[]> rows = new ArrayList<>();
        for (long[] level : levels) {
            double base = 0.05 + random.nextDouble() * 0.6;
            double growth = random.nextInt(4) == 0 ? random.nextDouble() * 0.02 : 0;
            int total = 0;
            for (int d = 60; d >= 1; d--) {
                double rate = base + growth * (60 - d);
                int qty = 0;
                for (int k = 0; k < 4; k++) {
                    if (random.nextDouble() < rate / 4) {
                        qty++;
                    }
                }
                if (qty > 0) {
                    total += qty;
                    rows.add(new Object[]{level[0], level[1], "ISSUE", -qty, "WO-" + (5000 + random.nextInt(2000)), today.minusDays(d).atTime(8 + random.nextInt(9), random.nextInt(60))});
                }
            }
            if (total > 0) {
                rows.add(new Object[]{level[0], level[1], "RECEIPT", total, "PO-" + (40000 + random.nextInt(900)), today.minusDays(61).atTime(9, 0)});
            }
        }
        // Multi-row inserts, 500 rows a statement.
        for (int from = 0; from < rows.size(); from += 500) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
            StringBuilder sql = new StringBuilder("insert into stock_movement (part_id, location_id, movement_type, quantity, reference, username, moved_at) values ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, 'warehouse', cast(? as timestamp) at time zone 'Europe/London')");
                params.addAll(List.of(chunk.get(i)));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /** A purchase order in each state, transfers requested and on the road, and a count sheet awaiting approval. */
    private void workflows(long warehouse, List<Long> centres, List<Long> suppliers, RandomGenerator random, LocalDate today) {
        List<long[]> parts = jdbc.sql("""
                        select p.id, ps.supplier_id from part p join part_supplier ps on ps.part_id = p.id
                         where not p.lot_tracked and p.unit = 'PIECE' order by p.id
                        """).query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        String[] stages = {"draft", "submitted", "approved", "ordered", "partial", "received"};
        for (int i = 0; i < stages.length; i++) {
            long supplier = suppliers.get(i % suppliers.size());
            List<long[]> ofSupplier = parts.stream().filter(p -> p[1] == supplier).limit(3 + i % 2).toList();
            if (ofSupplier.isEmpty()) {
                continue;
            }
            long location = i % 2 == 0 ? warehouse : centres.get(i % centres.size());
            long po = orders.createDraft(supplier, location, "Restock " + stages[i]);
            for (long[] p : ofSupplier) {
                orders.addLine(po, orders.details(po).version(), p[0], BigDecimal.valueOf(5 + random.nextInt(20)), null);
            }
            if (i >= 1) {
                orders.submit(po);
            }
            if (i >= 2) {
                orders.approve(po);
            }
            if (i >= 3) {
                orders.markOrdered(po);
            }
            if (i >= 4) {
                List<PurchaseOrderService.Arrival> arrivals = new ArrayList<>();
                for (PurchaseOrderDetails.Line line : orders.details(po).lines()) {
                    BigDecimal qty = i == 4 ? line.quantity().divideToIntegralValue(BigDecimal.TWO) : line.quantity();
                    if (qty.signum() > 0) {
                        arrivals.add(new PurchaseOrderService.Arrival(line.id(), qty, null, null));
                    }
                }
                orders.receive(po, arrivals);
            }
        }
        if (!centres.isEmpty() && parts.size() > 10) {
            transfers.request(parts.get(3)[0], warehouse, centres.getFirst(), BigDecimal.valueOf(2), "For next week's services");
            long shipped = transfers.request(parts.get(7)[0], warehouse, centres.get(centres.size() - 1), BigDecimal.ONE, "Urgent");
            transfers.ship(shipped);
        }
        // A count at the warehouse, made and submitted by the warehouse clerk, waiting for a manager's approval.
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var clerk = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        clerk.setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("warehouse", null,
                org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_WAREHOUSE")));
        org.springframework.security.core.context.SecurityContextHolder.setContext(clerk);
        try {
            Long wipers = jdbc.sql("select id from part_category where name = 'Wipers'").query(Long.class).optional().orElse(null);
            long count = counts.create(warehouse, wipers);
            for (CycleCountSheet.Line line : counts.sheet(count).lines()) {
                BigDecimal counted = random.nextInt(5) == 0 ? line.expected().subtract(BigDecimal.ONE).max(BigDecimal.ZERO) : line.expected();
                counts.enterCount(count, line.id(), counted);
            }
            counts.submit(count);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(previous);
        }
    }

    private void stock(long partId, long locationId, Family family, RandomGenerator random, int reorder, int critical, int max, String bin,
                       boolean scarce, LocalDate today) {
        catalog.setLevelSettings(partId, locationId, BigDecimal.valueOf(reorder), BigDecimal.valueOf(critical), BigDecimal.valueOf(max), bin);
        int quantity = scarce ? 1 + random.nextInt(Math.max(1, critical)) : reorder + 1 + random.nextInt(max - reorder);
        if (family.lotTracked) {
            int first = Math.max(1, quantity / 3);
            ledger.receive(partId, locationId, BigDecimal.valueOf(first), "L" + (24000 + random.nextInt(1000)),
                    today.plusDays(20 + random.nextInt(60)), "PO-" + (41000 + random.nextInt(900)));
            if (quantity > first) {
                ledger.receive(partId, locationId, BigDecimal.valueOf(quantity - first), "L" + (25000 + random.nextInt(1000)),
                        today.plusDays(200 + random.nextInt(400)), "PO-" + (41000 + random.nextInt(900)));
            }
        } else {
            ledger.receive(partId, locationId, BigDecimal.valueOf(quantity), null, null, "PO-" + (41000 + random.nextInt(900)));
        }
    }

    /** A month of workshop use, so "top movers" and some low stock warnings have something to show. */
    private void issueToWorkOrders(List<Long> centres, RandomGenerator random) {
        List<long[]> levels = jdbc.sql("""
                        select l.part_id, l.location_id from stock_level l join part p on p.id = l.part_id
                         where l.location_id in (:centres) and not p.lot_tracked and p.unit = 'PIECE' order by l.id
                        """).param("centres", centres)
                .query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        if (levels.isEmpty()) {
            return;
        }
        for (int i = 0; i < 150; i++) {
            long[] level = levels.get(random.nextInt(levels.size()));
            BigDecimal available = jdbc.sql("select on_hand - reserved from stock_level where part_id = ? and location_id = ?")
                    .params(level[0], level[1]).query(BigDecimal.class).single();
            BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(4)).min(available);
            if (qty.signum() > 0) {
                ledger.issue(level[0], level[1], qty, null, "WO-" + (7000 + i));
            }
        }
    }

    private Map<String, Long> categories() {
        Map<String, Long> ids = new LinkedHashMap<>();
        String[][] tree = {{"Brakes", "Brake pads", "Brake discs", "Brake fluid"}, {"Filters", "Oil filters", "Air filters", "Fuel filters", "Cabin filters"},
                {"Tyres"}, {"Wipers"}, {"Lighting", "Bulbs"}, {"Electrical", "Batteries", "Cable"}, {"Fluids", "Engine oil", "AdBlue", "Coolant",
                "Screenwash", "Grease"}, {"Engine", "Belts", "Glow plugs"}, {"Suspension", "Shock absorbers"}, {"Transmission", "Clutch kits"}};
        for (String[] branch : tree) {
            long root = catalog.createCategory(branch[0], null);
            ids.put(branch[0], root);
            for (int i = 1; i < branch.length; i++) {
                ids.put(branch[i], catalog.createCategory(branch[i], root));
            }
        }
        return ids;
    }

    private static List<Family> families() {
        List<String> models = List.of(MODELS);
        List<String> wipers = new ArrayList<>();
        for (int mm = 350; mm <= 750; mm += 50) {
            wipers.add(mm + " mm");
        }
        wipers.addAll(List.of("rear 250 mm", "rear 300 mm", "rear 350 mm"));
        return List.of(
                new Family("BRK-PAD", "Front brake pads", "Brake pads", Unit.PIECE, "42.00", false, models, true),
                new Family("BRK-PDR", "Rear brake pads", "Brake pads", Unit.PIECE, "36.00", false, models, true),
                new Family("BRK-DSC", "Front brake disc", "Brake discs", Unit.PIECE, "58.00", false, models, true),
                new Family("FLT-OIL", "Oil filter", "Oil filters", Unit.PIECE, "9.50", false, models, true),
                new Family("FLT-AIR", "Air filter", "Air filters", Unit.PIECE, "16.00", false, models, true),
                new Family("FLT-FUE", "Fuel filter", "Fuel filters", Unit.PIECE, "21.00", false, models, true),
                new Family("FLT-CAB", "Cabin pollen filter", "Cabin filters", Unit.PIECE, "12.00", false, models, true),
                new Family("TYR", "Tyre", "Tyres", Unit.PIECE, "110.00", false, List.of(TYRES), false),
                new Family("WPR", "Wiper blade", "Wipers", Unit.PIECE, "8.50", false, wipers, false),
                new Family("BLB", "Bulb", "Bulbs", Unit.PIECE, "3.20", false, List.of(BULBS), false),
                new Family("BAT", "Battery", "Batteries", Unit.PIECE, "95.00", true, List.of(BATTERIES), false),
                new Family("ENG-BLT", "Auxiliary drive belt", "Belts", Unit.PIECE, "24.00", false, models, true),
                new Family("ENG-GLW", "Glow plug set", "Glow plugs", Unit.PIECE, "48.00", false, models, true),
                new Family("SUS-SHK", "Front shock absorber", "Shock absorbers", Unit.PIECE, "64.00", false, models, true),
                new Family("TRN-CLK", "Clutch kit", "Clutch kits", Unit.PIECE, "230.00", false, models, true),
                new Family("FLD-ADB", "AdBlue", "AdBlue", Unit.LITRE, "0.65", true, List.of("bulk", "10 L pack"), false),
                new Family("FLD-OIL", "Engine oil", "Engine oil", Unit.LITRE, "5.40", true, List.of("5W-30", "5W-40", "0W-20", "10W-40", "15W-40"), false),
                new Family("FLD-CLT", "Coolant", "Coolant", Unit.LITRE, "3.10", true, List.of("OAT red", "HOAT blue"), false),
                new Family("FLD-BRK", "Brake fluid", "Brake fluid", Unit.LITRE, "7.90", true, List.of("DOT 4", "DOT 5.1"), false),
                new Family("FLD-SCR", "Screenwash", "Screenwash", Unit.LITRE, "1.20", false, List.of("concentrate", "ready mixed -15 °C"), false),
                new Family("FLD-GRS", "Grease", "Grease", Unit.KG, "6.50", false, List.of("lithium EP2", "copper anti-seize"), false),
                new Family("ELC-CBL", "Cable", "Cable", Unit.METRE, "0.90", false, List.of("1.0 mm² thin-wall", "2.5 mm² thin-wall", "6 mm² battery"), false));
    }

    /** A valid EAN-13 from its first 12 digits. */
    static String ean13(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = twelve.charAt(i) - '0';
            sum += i % 2 == 0 ? d : 3 * d;
        }
        return twelve + (10 - sum % 10) % 10;
    }
}
