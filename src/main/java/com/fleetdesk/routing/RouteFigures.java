package com.fleetdesk.routing;

import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.VehicleType;

import java.math.BigDecimal;

/**
 * Planning figures for a route: default running cost per km, typical energy use per 100 km and
 * CO₂e per litre (or kWh). Consumption is a planning estimate for UK fleet averages (cars
 * ~6.5 l/100 km, vans ~9.5, rigid trucks and buses ~30, motorcycles ~4; electric in kWh/100 km);
 * CO₂e per unit from the UK Government GHG Conversion Factors 2024 (DESNZ, "Fuels": diesel
 * 2.51 kg/l, petrol 2.10 kg/l, LPG 1.56 kg/l, CNG 2.54 kg/kg ≈ per 1.0 "litre" here; UK grid
 * electricity 0.207 kg/kWh). Hybrids use petrol at 70 % of the petrol consumption.
 */
public final class RouteFigures {

    private RouteFigures() {
    }

    /** A sensible default the planner may change per plan, in GBP per km. */
    public static BigDecimal defaultCostPerKm(VehicleType type) {
        return switch (type) {
            case MOTORCYCLE -> new BigDecimal("0.20");
            case CAR -> new BigDecimal("0.35");
            case PICKUP, VAN -> new BigDecimal("0.55");
            case TRUCK, BUS -> new BigDecimal("1.20");
        };
    }

    /** Fuel (litres) or electricity (kWh) per 100 km. */
    public static double consumptionPer100Km(VehicleType type, FuelType fuel) {
        double litres = switch (type) {
            case MOTORCYCLE -> 4.0;
            case CAR -> 6.5;
            case PICKUP -> 9.0;
            case VAN -> 9.5;
            case TRUCK, BUS -> 30.0;
        };
        return switch (fuel) {
            case ELECTRIC -> switch (type) {
                case MOTORCYCLE -> 8.0;
                case CAR -> 17.0;
                case PICKUP, VAN -> 25.0;
                case TRUCK, BUS -> 110.0;
            };
            case HYBRID -> litres * 0.7;
            default -> litres;
        };
    }

    public static String consumptionUnit(FuelType fuel) {
        return fuel == FuelType.ELECTRIC ? "kWh" : "l";
    }

    /** kg CO₂e per litre of fuel, or per kWh for electric vehicles. */
    public static double co2KgPerUnit(FuelType fuel) {
        return switch (fuel) {
            case DIESEL -> 2.51;
            case PETROL, HYBRID -> 2.10;
            case LPG -> 1.56;
            case CNG -> 2.54;
            case ELECTRIC -> 0.207;
        };
    }
}
