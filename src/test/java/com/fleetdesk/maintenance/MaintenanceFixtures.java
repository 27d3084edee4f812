package com.fleetdesk.maintenance;

import com.fleetdesk.SignedIn;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleType;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.LocationKind;
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.inventory.Unit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh vehicles, parts and stock for maintenance tests, so they never depend on what other tests changed. */
@Component
public class MaintenanceFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final SignedIn signedIn;
    private final VehicleService vehicles;
    private final DepotService depots;
    private final InventoryCatalog catalog;
    private final StockLedger ledger;
    private final StockService stock;
    private final JdbcClient jdbc;

    MaintenanceFixtures(SignedIn signedIn, VehicleService vehicles, DepotService depots, InventoryCatalog catalog, StockLedger ledger,
                        StockService stock, JdbcClient jdbc) {
        this.signedIn = signedIn;
        this.vehicles = vehicles;
        this.depots = depots;
        this.catalog = catalog;
        this.ledger = ledger;
        this.stock = stock;
        this.jdbc = jdbc;
    }

    /** The depot of the demo "manager" and "technician". */
    public Depot firstDepot() {
        return signedIn.as("manager", () -> depots.visibleDepots().getFirst());
    }

    public Depot otherDepot() {
        long first = firstDepot().getId();
        return signedIn.as("admin", () -> depots.visibleDepots().stream().filter(d -> d.getId() != first).findFirst().orElseThrow());
    }

    public Vehicle van(String model, BigDecimal odometerKm, LocalDate purchased) {
        return signedIn.as("admin", () -> {
            int n = SEQ.incrementAndGet();
            Vehicle v = new Vehicle();
            v.setRegistration(String.format("MT%02d %03d", n % 100, System.nanoTime() % 1000));
            v.setVin(String.format("WF0XXXTTGM%07d", System.nanoTime() % 10_000_000));
            v.setMake("Ford");
            v.setModel(model);
            v.setModelYear(2024);
            v.setType(VehicleType.VAN);
            v.setFuelType(FuelType.DIESEL);
            v.setCapacityKg(1100);
            v.setCapacityM3(new BigDecimal("6.0"));
            v.setOdometerKm(odometerKm);
            v.setPurchaseDate(purchased);
            v.setDepot(firstDepot());
            return vehicles.save(v);
        });
    }

    public record Stocked(long part, String number, long location, String locationName) {
    }

    /** A new part (unit cost 12.50) with {@code onHand} pieces at a new service centre of the first depot. */
    public Stocked stocked(int onHand) {
        long depot = firstDepot().getId();
        return signedIn.as("warehouse", () -> {
            String suffix = SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000;
            long category = catalog.createCategory("Maintenance test " + suffix, null);
            String number = "MNT-" + suffix;
            long part = catalog.createPart(number, "Wiper blade test " + suffix, null, category, Unit.PIECE, new BigDecimal("12.50"),
                    "29" + String.format("%011d", System.nanoTime() % 100_000_000_000L), false, null);
            String name = "Maintenance test centre " + suffix;
            long location = catalog.createLocation(LocationKind.SERVICE_CENTRE, name, "Test", depot, null);
            ledger.receive(part, location, BigDecimal.valueOf(onHand), null, null, "PO-TEST");
            return new Stocked(part, number, location, name);
        });
    }

    public StockRow level(Stocked s) {
        return signedIn.as("warehouse", () -> stock.level(s.part(), s.location())).orElseThrow();
    }

    /** The ledger rows of a part as "TYPE quantity reference", oldest first. */
    public List<String> movements(Stocked s) {
        return jdbc.sql("select movement_type, quantity, reference from stock_movement where part_id = ? order by id").param(s.part())
                .query((rs, i) -> rs.getString(1) + " " + rs.getBigDecimal(2).stripTrailingZeros().toPlainString() + " " + rs.getString(3))
                .list();
    }
}
