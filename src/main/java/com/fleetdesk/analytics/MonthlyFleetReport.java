package com.fleetdesk.analytics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/** Everything the monthly fleet report of one depot shows, gathered before it is drawn. */
public record MonthlyFleetReport(long depotId, String depotName, YearMonth month, String currency,
                                 List<FleetAnalytics.VehicleUtilisation> utilisation,
                                 List<FleetAnalytics.VehicleCosts> costs,
                                 List<FleetAnalytics.AlertCount> alerts,
                                 List<FleetAnalytics.DriverSafety> drivers) {

    public long trips() {
        return costs.stream().mapToLong(FleetAnalytics.VehicleCosts::trips).sum();
    }

    public double distanceKm() {
        return costs.stream().mapToDouble(FleetAnalytics.VehicleCosts::distanceKm).sum();
    }

    public double co2Kg() {
        return costs.stream().mapToDouble(FleetAnalytics.VehicleCosts::co2Kg).sum();
    }

    public BigDecimal cost() {
        return costs.stream().map(FleetAnalytics.VehicleCosts::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal fuelCost() {
        return costs.stream().map(FleetAnalytics.VehicleCosts::fuelCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public double utilisationPercent() {
        long active = utilisation.stream().mapToLong(FleetAnalytics.VehicleUtilisation::activeDays).sum();
        long days = utilisation.stream().mapToLong(FleetAnalytics.VehicleUtilisation::days).sum();
        return days == 0 ? 0 : 100.0 * active / days;
    }

    public long alertCount() {
        return alerts.stream().mapToLong(FleetAnalytics.AlertCount::count).sum();
    }
}
