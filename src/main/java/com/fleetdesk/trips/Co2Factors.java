package com.fleetdesk.trips;

import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.VehicleType;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Tailpipe-plus-upstream CO₂e per vehicle-km, after the UK Government GHG Conversion Factors
 * for Company Reporting 2024 (DESNZ): "Passenger vehicles" (average car by fuel), "Delivery
 * vehicles" (average van up to 3.5 t) and "HGV" (average rigid, average laden) tables; battery
 * electric vehicles use the factor for UK-grid electricity. Pickups count as large cars, buses
 * as rigid HGVs. Values are kg CO₂e per km, rounded to 3 decimals; see the README.
 */
public final class Co2Factors {

    private Co2Factors() {
    }

    public static BigDecimal kgPerKm(VehicleType type, FuelType fuel) {
        double factor = switch (type) {
            case CAR, MOTORCYCLE -> switch (fuel) {
                case PETROL -> 0.164;
                case DIESEL -> 0.170;
                case HYBRID -> 0.120;
                case ELECTRIC -> 0.047;
                case LPG -> 0.176;
                case CNG -> 0.158;
            };
            case PICKUP -> switch (fuel) {
                case PETROL -> 0.279;
                case DIESEL -> 0.209;
                case HYBRID -> 0.152;
                case ELECTRIC -> 0.058;
                case LPG -> 0.299;
                case CNG -> 0.270;
            };
            case VAN -> switch (fuel) {
                case PETROL -> 0.218;
                case DIESEL -> 0.249;
                case HYBRID -> 0.190;
                case ELECTRIC -> 0.071;
                case LPG -> 0.238;
                case CNG -> 0.226;
            };
            case TRUCK, BUS -> switch (fuel) {
                case ELECTRIC -> 0.260;
                case CNG -> 0.780;
                default -> 0.866;
            };
        };
        return BigDecimal.valueOf(factor);
    }

    public static BigDecimal emissionsKg(BigDecimal distanceKm, VehicleType type, FuelType fuel) {
        return distanceKm.multiply(kgPerKm(type, fuel)).setScale(2, RoundingMode.HALF_UP);
    }
}
