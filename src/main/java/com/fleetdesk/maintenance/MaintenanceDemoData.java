package com.fleetdesk.maintenance;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.FleetDirectory.ServiceFacts;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.fleet.VehicleType;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Service schedules for every vehicle type (electric models get their own), a service history
 * for the fleet (completed work orders, some with parts issued from the depot's service centre),
 * a few open orders for overdue vehicles and an order in progress on each vehicle the fleet data
 * has in maintenance. Everything goes through the services, so stock, ledger, vehicle status and
 * next-service dates are what they would be had people done the work.
 */
@Component
class MaintenanceDemoData implements DemoDataContributor {

    private static final String OIL_SERVICE = """
            Drain engine oil and refill to spec
            Replace oil filter
            Check brake pads and discs
            Check tyre tread depth and pressures
            Check lights, wipers and washers
            Top up fluids
            Road test""";

    private final ServiceScheduleService schedules;
    private final WorkOrderService orders;
    private final ServicePlanner planner;
    private final FleetDirectory fleet;
    private final StockService stock;
    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    MaintenanceDemoData(ServiceScheduleService schedules, WorkOrderService orders, ServicePlanner planner, FleetDirectory fleet,
                        StockService stock, JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.schedules = schedules;
        this.orders = orders;
        this.planner = planner;
        this.fleet = fleet;
        this.stock = stock;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public boolean alreadyLoaded() {
        return jdbc.sql("select exists (select 1 from service_schedule)").query(Boolean.class).single();
    }

    @Override
    public void load(DemoDataSettings settings, RandomGenerator random) {
        String oilParts = "FLT-OIL oil filter × 1\nFLD-OIL engine oil × 6 L";
        schedule("A service", VehicleType.CAR, null, 15_000, 12, OIL_SERVICE, oilParts);
        schedule("B service", VehicleType.CAR, null, 30_000, 24, OIL_SERVICE + "\nReplace air filter\nReplace cabin filter", oilParts + "\nFLT-AIR air filter × 1\nFLT-CAB cabin filter × 1");
        schedule("A service", VehicleType.CAR, "Model 3", 30_000, 24, """
                Check brake pads and discs
                Check tyre tread depth and pressures
                Replace cabin filter
                Check high-voltage battery health report""", "FLT-CAB cabin filter × 1");
        schedule("A service", VehicleType.VAN, null, 20_000, 12, OIL_SERVICE, oilParts);
        schedule("Brake inspection", VehicleType.VAN, null, 40_000, null, """
                Measure pad and disc wear
                Check brake fluid condition
                Inspect hoses and callipers""", "BRK-PAD front brake pads × 1\nFLD-BRK brake fluid × 1 L");
        schedule("A service", VehicleType.VAN, "E-Transit", 40_000, 24, """
                Check brake pads and discs
                Check tyre tread depth and pressures
                Replace cabin filter""", "FLT-CAB cabin filter × 1");
        schedule("A service", VehicleType.PICKUP, null, 15_000, 12, OIL_SERVICE, oilParts);
        schedule("A service", VehicleType.TRUCK, null, 30_000, 6, OIL_SERVICE + "\nReplace fuel filter\nGrease chassis points",
                oilParts + "\nFLT-FUE fuel filter × 1\nFLD-GRS grease × 0.5 kg");
        schedule("Annual inspection", VehicleType.TRUCK, null, null, 12, """
                Inspect brakes, steering and suspension
                Check tachograph calibration
                Check lights, reflectors and markings
                Emissions check""", "");
        schedule("A service", VehicleType.TRUCK, "FL Electric", 40_000, 6, """
                Check brakes, steering and suspension
                Check tyre tread depth and pressures
                Grease chassis points""", "FLD-GRS grease × 0.5 kg");
        schedule("A service", VehicleType.BUS, null, 25_000, 6, OIL_SERVICE, oilParts);
        schedule("A service", VehicleType.MOTORCYCLE, null, 6_000, 12, OIL_SERVICE.replace("Check lights, wipers and washers", "Check lights and chain"),
                "FLT-OIL oil filter × 1\nFLD-OIL engine oil × 3 L");

        List<ServiceFacts> vehicles = fleet.serviceFacts(null, null);
        List<PartInfo> oilFilters = stock.parts("FLT-OIL", 0, 50);
        List<StockLocationInfo> locations = stock.locations();
        LocalDate today = planner.today();
        List<ServiceSchedule> active = schedules.list().stream().filter(ServiceSchedule::isActive).toList();
        for (ServiceFacts v : vehicles) {
            if (v.status() == VehicleStatus.OUT_OF_SERVICE) {
                continue; // off the road, never serviced here: they show as overdue
            }
            // One transaction per vehicle's history keeps loading quick.
            tx.executeWithoutResult(status -> history(v, active, oilFilters, locations, today, random));
        }
        finishHistory(vehicles, locations, random);
    }

    private void history(ServiceFacts v, List<ServiceSchedule> active, List<PartInfo> oilFilters, List<StockLocationInfo> locations,
                         LocalDate today, RandomGenerator random) {
        for (ServiceSchedule s : ServicePlanner.applicable(active, v)) {
            // How far through its interval the vehicle is: mostly within, some close, a few past it.
            double f = 0.1 + random.nextDouble() * 1.0;
            BigDecimal km = v.odometerKm();
            if (s.getIntervalKm() != null) {
                km = km.subtract(BigDecimal.valueOf(Math.round(s.getIntervalKm() * f)));
            } else {
                km = km.subtract(BigDecimal.valueOf(1000 + random.nextInt(8000)));
            }
            int months = s.getIntervalMonths() != null ? s.getIntervalMonths() : 12;
            LocalDate on = today.minusDays(Math.round(months * 30.4 * f * (0.6 + random.nextDouble() * 0.35)));
            if (km.signum() < 0 || (v.purchaseDate() != null && on.isBefore(v.purchaseDate()))) {
                continue;
            }
            long id = orders.create(v.vehicleId(), s.getId(), null).getId();
            orders.markAllTasks(id, true);
            orders.recordLabour(id, BigDecimal.valueOf(1 + random.nextInt(6) * 0.5), new BigDecimal("65.00"));
            if (random.nextInt(4) == 0 && !oilFilters.isEmpty()) {
                reservePart(id, oilFilters.get(random.nextInt(oilFilters.size())), serviceCentre(locations, v.depotId()), BigDecimal.ONE);
            }
            orders.start(id);
            orders.complete(id, km, on);
        }
    }

    private void finishHistory(List<ServiceFacts> vehicles, List<StockLocationInfo> locations, RandomGenerator random) {
        // Open orders for the most overdue vehicles of each depot, some given to the demo technician.
        var due = planner.dueLines(fleet.serviceFacts(null, null), Map.of()).stream()
                .filter(d -> d.status() == DueStatus.OVERDUE && d.openWorkOrderId() == null).toList();
        java.util.Set<Long> opened = new java.util.HashSet<>();
        int count = 0;
        for (ServiceDue d : due) {
            if (count >= 6 || !opened.add(d.vehicleId())) {
                continue;
            }
            long id = orders.create(d.vehicleId(), d.scheduleId(), null).getId();
            assignIfPossible(id, count % 2 == 0);
            count++;
        }

        // The vehicles the fleet data has in maintenance: a repair in progress on each.
        List<PartInfo> pads = stock.parts("BRK-PAD", 0, 50);
        for (ServiceFacts v : vehicles) {
            if (v.status() != VehicleStatus.IN_MAINTENANCE) {
                continue;
            }
            long id = orders.create(v.vehicleId(), null, "Replace front brake pads").getId();
            orders.addTask(id, "Remove wheels and inspect discs");
            orders.addTask(id, "Fit new front brake pads");
            orders.addTask(id, "Road test and brake check");
            orders.markTask(id, orders.find(id).orElseThrow().getTasks().getFirst().getId(), true);
            orders.recordLabour(id, new BigDecimal("1.5"), new BigDecimal("65.00"));
            if (!pads.isEmpty()) {
                reservePart(id, pads.get(random.nextInt(pads.size())), serviceCentre(locations, v.depotId()), BigDecimal.ONE);
            }
            assignIfPossible(id, true);
            orders.start(id);
        }
    }

    private void schedule(String name, VehicleType type, String model, Integer km, Integer months, String tasks, String parts) {
        ServiceSchedule s = new ServiceSchedule();
        s.setName(name);
        s.setVehicleType(type);
        s.setVehicleModel(model);
        s.setIntervalKm(km);
        s.setIntervalMonths(months);
        s.setTasks(tasks);
        s.setTypicalParts(parts);
        schedules.save(s);
    }

    private static Optional<StockLocationInfo> serviceCentre(List<StockLocationInfo> locations, long depotId) {
        return locations.stream().filter(l -> l.depotId() != null && l.depotId() == depotId).findFirst();
    }

    /** Reserves the part when the service centre has it; a demo job without the part is still a job. */
    private void reservePart(long orderId, PartInfo part, Optional<StockLocationInfo> location, BigDecimal quantity) {
        if (location.isEmpty()) {
            return;
        }
        Optional<StockRow> level = stock.level(part.id(), location.get().id());
        if (level.isPresent() && level.get().available().compareTo(quantity) >= 0) {
            orders.addPart(orderId, part.id(), location.get().id(), quantity);
        }
    }

    private void assignIfPossible(long orderId, boolean wanted) {
        if (!wanted) {
            return;
        }
        var technicians = orders.technicians(orderId);
        if (!technicians.isEmpty()) {
            try {
                orders.assign(orderId, technicians.getFirst().username());
            } catch (InvalidInputException ignored) {
                // nobody suitable: the order stays unassigned
            }
        }
    }
}
