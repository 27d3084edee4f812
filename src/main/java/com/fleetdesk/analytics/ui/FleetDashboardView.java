package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.AnalyticsFilter;
import com.fleetdesk.analytics.AnalyticsRecords;
import com.fleetdesk.analytics.DepotChoice;
import com.fleetdesk.analytics.FleetAnalytics;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.telematics.AlertChanged;
import com.fleetdesk.telematics.AlertKind;
import com.fleetdesk.telematics.AlertSeverity;
import com.fleetdesk.telematics.VehiclesMoved;
import com.fleetdesk.trips.TripChanged;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.Stacking;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fleet managers' and dispatchers' dashboard: how the vehicles are used, what they cost, how safely they are driven. */
@Route("analytics/fleet")
@PageTitle("Fleet dashboard · Fleetdesk")
@Menu(title = "Fleet dashboard", order = 500, icon = "vaadin:chart")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER, Roles.DISPATCHER})
public class FleetDashboardView extends DashboardView {

    static final int TOP = 15;

    private final FleetAnalytics fleet;
    private final AnalyticsRecords records;
    final ChartCard utilisation = card("Utilisation by depot");
    final ChartCard distance = card("Distance and CO₂ per month");
    final ChartCard costPerKm = card("Cost per km by vehicle");
    final ChartCard fuel = card("Fuel spend per 100 km by vehicle");
    final ChartCard alerts = card("Alerts by type and severity");
    final ChartCard safety = card("Driver safety: events per 100 km");
    private List<FleetAnalytics.VehicleUtilisation> vehicleUse = List.of();
    private List<FleetAnalytics.DepotUtilisation> depotUse = List.of();
    private List<FleetAnalytics.FleetMonth> months = List.of();
    private List<FleetAnalytics.VehicleCosts> byCostPerKm = List.of();
    private List<FleetAnalytics.VehicleCosts> byFuel = List.of();
    private List<String> alertKinds = List.of();
    private List<FleetAnalytics.DriverSafety> drivers = List.of();
    private List<FleetAnalytics.DriverSafety> riskiest = List.of();

    public FleetDashboardView(FleetAnalytics fleet, AnalyticsRecords records, DepotService depots, LiveEventBus live) {
        super("Fleet dashboard", depots.visibleDepots().stream().map(DepotChoice::of).toList());
        this.fleet = fleet;
        this.records = records;
        utilisation.onPointClick((s, p) -> showVehicles(depotUse.get(p)));
        utilisation.onShowRecords(() -> showVehicles(null));
        distance.onPointClick((s, p) -> showTrips("Trips in " + months.get(p).month(),
                new AnalyticsRecords.TripSelection(null, null, null, months.get(p).month(), null, false, false, false)));
        distance.onShowRecords(() -> RecordsDialog.table("Distance and CO₂ per month", months,
                RecordsDialog.Column.text("Month", m -> m.month().toString()),
                RecordsDialog.Column.number("Trips", m -> Long.toString(m.trips())),
                RecordsDialog.Column.number("Distance", m -> Charts.km(m.distanceKm())),
                RecordsDialog.Column.number("CO₂ (kg)", m -> Charts.number(m.co2Kg(), 1)),
                RecordsDialog.Column.number("Cost", m -> Charts.money(fleet.currency(), m.cost())),
                RecordsDialog.Column.number("Cost per km", m -> m.costPerKm().toPlainString())).open());
        costPerKm.onPointClick((s, p) -> showVehicleTrips(byCostPerKm.get(p)));
        costPerKm.onShowRecords(() -> showCosts("Cost per km by vehicle", allCosts()));
        fuel.onPointClick((s, p) -> showVehicleTrips(byFuel.get(p)));
        fuel.onShowRecords(() -> showCosts("Fuel spend per 100 km by vehicle", allCosts()));
        alerts.onPointClick((s, p) -> showAlerts(AlertKind.valueOf(alertKinds.get(p)), AlertSeverity.values()[s], null));
        alerts.onShowRecords(() -> showAlerts(null, null, null));
        safety.onPointClick((s, p) -> showAlerts(null, null, riskiest.get(p)));
        safety.onShowRecords(() -> RecordsDialog.table("Driver safety ranking, safest first", drivers,
                RecordsDialog.Column.text("Driver", FleetAnalytics.DriverSafety::driverName),
                RecordsDialog.Column.number("Distance", d -> Charts.km(d.distanceKm())),
                RecordsDialog.Column.number("Harsh events", d -> Long.toString(d.harshEvents())),
                RecordsDialog.Column.number("Overspeed", d -> Long.toString(d.overspeeds())),
                RecordsDialog.Column.number("Per 100 km", d -> Charts.number(d.eventsPer100Km(), 2))).open());
        refreshOn(live, TripChanged.class);
        refreshOn(live, AlertChanged.class);
        refreshOn(live, VehiclesMoved.class);
    }

    @Override
    protected void render(AnalyticsFilter filter) {
        vehicleUse = fleet.utilisation(filter);
        depotUse = fleet.utilisationByDepot(filter);
        renderUtilisation();
        months = fleet.monthly(filter);
        renderDistance();
        List<FleetAnalytics.VehicleCosts> costs = fleet.vehicleCosts(filter);
        renderCosts(costs);
        renderAlerts(fleet.alerts(filter));
        drivers = fleet.driverSafety(filter);
        renderSafety();
    }

    private void renderUtilisation() {
        long active = depotUse.stream().mapToLong(FleetAnalytics.DepotUtilisation::activeVehicleDays).sum();
        long days = depotUse.stream().mapToLong(FleetAnalytics.DepotUtilisation::vehicleDays).sum();
        String text = days == 0 ? "No vehicles in this selection."
                : "Vehicles were in use on " + Charts.percent(100.0 * active / days) + " of their days (" + active + " of " + days
                + " vehicle days, a day counts when a trip started or the vehicle moved).";
        Configuration conf = utilisation.reset(ChartType.COLUMN, text);
        conf.getyAxis().setMax(100);
        Charts.labelValues(Charts.series(conf, "Utilisation (%)", "% of vehicle days",
                depotUse.stream().map(FleetAnalytics.DepotUtilisation::depotName).toList(),
                depotUse.stream().map(d -> Charts.round(d.percent(), 1)).toList()));
    }

    private void renderDistance() {
        double km = months.stream().mapToDouble(FleetAnalytics.FleetMonth::distanceKm).sum();
        double co2 = months.stream().mapToDouble(FleetAnalytics.FleetMonth::co2Kg).sum();
        long trips = months.stream().mapToLong(FleetAnalytics.FleetMonth::trips).sum();
        Configuration conf = distance.reset(ChartType.COLUMN, months.isEmpty() ? "No trips in this period."
                : Charts.km(km) + " driven on " + trips + " trips, emitting " + Charts.number(co2 / 1000, 2) + " t CO₂.");
        List<String> labels = months.stream().map(m -> m.month().toString()).toList();
        Charts.series(conf, "Distance (km)", "km", labels, months.stream().map(m -> Charts.round(m.distanceKm(), 0)).toList());
        Charts.lineOnSecondAxis(conf, "CO₂ (kg)", "kg CO₂", months.stream().map(m -> Charts.round(m.co2Kg(), 0)).toList());
    }

    private List<FleetAnalytics.VehicleCosts> costsCache = List.of();

    private List<FleetAnalytics.VehicleCosts> allCosts() {
        return costsCache;
    }

    private void renderCosts(List<FleetAnalytics.VehicleCosts> costs) {
        costsCache = costs;
        double km = costs.stream().mapToDouble(FleetAnalytics.VehicleCosts::distanceKm).sum();
        BigDecimal cost = costs.stream().map(FleetAnalytics.VehicleCosts::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fuelCost = costs.stream().map(FleetAnalytics.VehicleCosts::fuelCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        String currency = fleet.currency();
        List<FleetAnalytics.VehicleCosts> driven = costs.stream().filter(c -> c.distanceKm() > 0).toList();
        byCostPerKm = driven.stream().sorted(Comparator.comparing(FleetAnalytics.VehicleCosts::costPerKm).reversed()).limit(TOP).toList();
        byFuel = driven.stream().sorted(Comparator.comparing(FleetAnalytics.VehicleCosts::fuelCostPer100Km).reversed()).limit(TOP).toList();

        Configuration conf = costPerKm.reset(ChartType.BAR, km <= 0 ? "No distance driven in this period."
                : "The fleet cost " + Charts.money(currency, cost.divide(BigDecimal.valueOf(km), 3, java.math.RoundingMode.HALF_UP))
                + " per km (" + Charts.money(currency, cost) + " over " + Charts.km(km) + "). The " + byCostPerKm.size()
                + " most expensive vehicles per km are shown.");
        Charts.labelValues(Charts.series(conf, "Cost per km (" + currency + ")", currency + " per km",
                byCostPerKm.stream().map(FleetAnalytics.VehicleCosts::registration).toList(),
                byCostPerKm.stream().map(c -> c.costPerKm().doubleValue()).toList()));

        Configuration fuelConf = fuel.reset(ChartType.BAR, km <= 0 ? "No distance driven in this period."
                : "Fuel spend averaged " + Charts.money(currency, fuelCost.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(km), 2, java.math.RoundingMode.HALF_UP)) + " per 100 km (from fuel receipts). The "
                + byFuel.size() + " vehicles spending most are shown.");
        Charts.labelValues(Charts.series(fuelConf, "Fuel spend per 100 km (" + currency + ")", currency + " per 100 km",
                byFuel.stream().map(FleetAnalytics.VehicleCosts::registration).toList(),
                byFuel.stream().map(c -> c.fuelCostPer100Km().doubleValue()).toList()));
    }

    private void renderAlerts(List<FleetAnalytics.AlertCount> counts) {
        Map<AlertKind, long[]> byKind = new TreeMap<>();
        for (FleetAnalytics.AlertCount c : counts) {
            byKind.computeIfAbsent(c.kind(), k -> new long[AlertSeverity.values().length])[c.severity().ordinal()] += c.count();
        }
        long total = counts.stream().mapToLong(FleetAnalytics.AlertCount::count).sum();
        long critical = counts.stream().filter(c -> c.severity() == AlertSeverity.CRITICAL).mapToLong(FleetAnalytics.AlertCount::count).sum();
        String top = byKind.entrySet().stream().max(Comparator.comparingLong(e -> java.util.Arrays.stream(e.getValue()).sum()))
                .map(e -> e.getKey().label() + " (" + java.util.Arrays.stream(e.getValue()).sum() + ")").orElse("");
        Configuration conf = alerts.reset(ChartType.COLUMN, total == 0 ? "No alerts were raised in this period."
                : total + " alerts, " + critical + " of them critical. Most frequent: " + top + ".");
        alertKinds = byKind.keySet().stream().map(Enum::name).toList();
        conf.getxAxis().setCategories(byKind.keySet().stream().map(AlertKind::label).toArray(String[]::new));
        conf.getyAxis().setTitle("Alerts");
        PlotOptionsColumn stacked = new PlotOptionsColumn();
        stacked.setStacking(Stacking.NORMAL);
        conf.setPlotOptions(stacked);
        conf.getLegend().setEnabled(true);
        for (AlertSeverity severity : AlertSeverity.values()) {
            List<Number> values = new ArrayList<>();
            byKind.values().forEach(v -> values.add(v[severity.ordinal()]));
            conf.addSeries(new ListSeries(severity.label(), values));
        }
    }

    private void renderSafety() {
        riskiest = drivers.reversed().stream().limit(TOP).toList();
        String text;
        if (drivers.isEmpty()) {
            text = "No driver drove in this period.";
        } else {
            FleetAnalytics.DriverSafety safest = drivers.getFirst();
            FleetAnalytics.DriverSafety worst = drivers.getLast();
            text = "Safest: " + safest.driverName() + " with " + Charts.number(safest.eventsPer100Km(), 2) + " harsh or overspeed events per 100 km. Most events: "
                    + worst.driverName() + " with " + Charts.number(worst.eventsPer100Km(), 2) + " per 100 km. The "
                    + riskiest.size() + " drivers with most events are shown; the full ranking is in the records.";
        }
        Configuration conf = safety.reset(ChartType.BAR, text);
        Charts.labelValues(Charts.series(conf, "Events per 100 km", "events per 100 km",
                riskiest.stream().map(FleetAnalytics.DriverSafety::driverName).toList(),
                riskiest.stream().map(d -> Charts.round(d.eventsPer100Km(), 2)).toList()));
    }

    // ---- drill-down ----------------------------------------------------------------------------

    private void showVehicles(FleetAnalytics.DepotUtilisation depot) {
        List<FleetAnalytics.VehicleUtilisation> rows = vehicleUse.stream()
                .filter(v -> depot == null || v.depotId() == depot.depotId())
                .sorted(Comparator.comparingDouble(FleetAnalytics.VehicleUtilisation::percent))
                .toList();
        RecordsDialog.table("Utilisation by vehicle" + (depot == null ? "" : ", " + depot.depotName()) + ", least used first", rows,
                RecordsDialog.Column.text("Vehicle", FleetAnalytics.VehicleUtilisation::registration),
                RecordsDialog.Column.text("Depot", FleetAnalytics.VehicleUtilisation::depotName),
                RecordsDialog.Column.number("Days used", v -> v.activeDays() + " of " + v.days()),
                RecordsDialog.Column.number("Utilisation", v -> Charts.percent(v.percent())),
                RecordsDialog.Column.number("Distance", v -> Charts.km(v.distanceKm()))).open();
    }

    private void showCosts(String title, List<FleetAnalytics.VehicleCosts> rows) {
        String currency = fleet.currency();
        RecordsDialog.table(title, rows,
                RecordsDialog.Column.text("Vehicle", FleetAnalytics.VehicleCosts::registration),
                RecordsDialog.Column.text("Depot", FleetAnalytics.VehicleCosts::depotName),
                RecordsDialog.Column.number("Trips", c -> Long.toString(c.trips())),
                RecordsDialog.Column.number("Distance", c -> Charts.km(c.distanceKm())),
                RecordsDialog.Column.number("Cost", c -> Charts.money(currency, c.cost())),
                RecordsDialog.Column.number("Cost per km", c -> c.costPerKm().toPlainString()),
                RecordsDialog.Column.number("Fuel per 100 km", c -> c.fuelCostPer100Km().toPlainString()),
                RecordsDialog.Column.number("CO₂ (kg)", c -> Charts.number(c.co2Kg(), 1))).open();
    }

    private void showVehicleTrips(FleetAnalytics.VehicleCosts vehicle) {
        showTrips("Trips of " + vehicle.registration(),
                new AnalyticsRecords.TripSelection(vehicle.vehicleId(), null, null, null, null, false, false, false));
    }

    private void showTrips(String title, AnalyticsRecords.TripSelection selection) {
        RecordsDialog.trips(title, records.trips(filter(), selection)).open();
    }

    private void showAlerts(AlertKind kind, AlertSeverity severity, FleetAnalytics.DriverSafety driver) {
        String title = driver != null ? "Harsh and overspeed alerts during trips of " + driver.driverName()
                : kind == null ? "Alerts" : severity.label() + " " + kind.label().toLowerCase(java.util.Locale.UK) + " alerts";
        RecordsDialog.alerts(title, records.alerts(filter(), kind, severity, driver == null ? null : driver.driverId())).open();
    }
}
