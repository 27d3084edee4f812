package com.fleetdesk.routing;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.VehicleType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Two draft route plans per depot for the demo's next working days: deliveries to places
 * scattered within about 12 km of the depot, some with time windows, ready to solve.
 */
@Component
class RoutingDemoData implements DemoDataContributor {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);
    private static final String[] STREETS = {"Deansgate", "Oxford Road", "Chester Road", "Bury New Road", "Stockport Road",
            "Ashton Old Road", "Wilmslow Road", "Eccles New Road", "Manchester Road", "Hyde Road", "Cheetham Hill Road",
            "Princess Parkway", "Rochdale Road", "Liverpool Road", "Bolton Road", "Market Street"};
    private static final String[] CUSTOMERS = {"Pharmacy", "Cafe", "Hardware", "Bakery", "Garage", "School", "Clinic",
            "Florist", "Pub", "Deli", "Gym", "Office", "Warehouse", "Bookshop", "Hotel", "Surgery"};

    private final RoutePlanRepository plans;
    private final JdbcClient jdbc;

    RoutingDemoData(RoutePlanRepository plans, JdbcClient jdbc) {
        this.plans = plans;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public boolean alreadyLoaded() {
        return jdbc.sql("select exists (select 1 from route_plan)").query(Boolean.class).single();
    }

    record DemoVehicle(long id, String registration, VehicleType type, FuelType fuel, int capacityKg, BigDecimal capacityM3) {
    }

    @Override
    public void load(DemoDataSettings settings, RandomGenerator random) {
        List<double[]> depots = jdbc.sql("select id, latitude, longitude from depot order by id")
                .query((rs, i) -> new double[]{rs.getLong(1), rs.getDouble(2), rs.getDouble(3)}).list();
        for (double[] depot : depots) {
            long depotId = (long) depot[0];
            List<DemoVehicle> fleet = jdbc.sql("""
                            select id, registration, vehicle_type, fuel_type, capacity_kg, capacity_m3 from vehicle
                             where depot_id = ? and status = 'ACTIVE' order by registration
                            """).param(depotId)
                    .query((rs, i) -> new DemoVehicle(rs.getLong(1), rs.getString(2), VehicleType.valueOf(rs.getString(3)),
                            FuelType.valueOf(rs.getString(4)), rs.getInt(5), rs.getBigDecimal(6))).list();
            for (int day = 0; day < 2; day++) {
                LocalDate date = FIRST_DAY.plusDays(day);
                RoutePlan plan = new RoutePlan(depotId, (day == 0 ? "Monday" : "Tuesday") + " deliveries", date);
                // A handful of vans and trucks; the rest of the fleet stays out of the plan.
                fleet.stream().filter(v -> v.capacityKg() > 0).limit(6).forEach(v -> plan.getVehicles().add(
                        new PlanVehicle(plan, v.id(), v.registration(), v.type(), v.fuel(), v.capacityKg(), v.capacityM3())));
                int stops = 14 + random.nextInt(8);
                for (int s = 0; s < stops; s++) {
                    double angle = random.nextDouble() * 2 * Math.PI;
                    double km = 1.5 + random.nextDouble() * 10.5;
                    double lat = depot[1] + km / 111.2 * Math.cos(angle);
                    double lon = depot[2] + km / (111.2 * Math.cos(Math.toRadians(depot[1]))) * Math.sin(angle);
                    String customer = STREETS[random.nextInt(STREETS.length)] + " " + CUSTOMERS[random.nextInt(CUSTOMERS.length)];
                    LocalTime from = null;
                    LocalTime to = null;
                    if (random.nextInt(3) == 0) {
                        from = LocalTime.of(8 + random.nextInt(6), 0);
                        to = from.plusHours(2);
                    }
                    StopPriority priority = StopPriority.values()[random.nextInt(10) < 7 ? 1 : random.nextInt(4)];
                    plan.getStops().add(new PlanStop(plan, new StopInput(customer + " " + (s + 1),
                            (10 + random.nextInt(290)) + " " + STREETS[random.nextInt(STREETS.length)] + ", Greater Manchester",
                            round(lat), round(lon), 20 + 10 * random.nextInt(30), from, to, 5 + 5 * random.nextInt(4), priority, null)));
                }
                plans.save(plan);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }
}
