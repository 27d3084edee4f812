package com.fleetdesk.fleet;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import com.fleetdesk.base.security.Role;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A believable fleet in Greater Manchester: depots, vans, cars, trucks and pickups with valid
 * VINs and UK plates, drivers with licences, and one sign-in per role.
 */
@Component
class FleetDemoData implements DemoDataContributor {

    /** Depot sites in one region (name, address, lat, lon). */
    private static final String[][] SITES = {
            {"Manchester Central", "Trafford Park Road, Manchester M17 1HG", "53.4631", "-2.3125"},
            {"Bolton North", "Chorley New Road, Bolton BL1 5BZ", "53.5865", "-2.4540"},
            {"Stockport South", "Bird Hall Lane, Stockport SK3 0RF", "53.3952", "-2.1830"},
            {"Oldham East", "Higginshaw Lane, Oldham OL1 3LL", "53.5545", "-2.0930"},
            {"Wigan West", "Westwood Way, Wigan WN3 4HF", "53.5350", "-2.6480"},
            {"Bury Gateway", "Pilsworth Road, Bury BL9 8RS", "53.5720", "-2.2700"},
    };

    /** Models by type: make, model, WMI, type, fuel, tank l, payload kg, volume m3. */
    private static final Object[][] MODELS = {
            {"Ford", "Transit Custom", "WF0", VehicleType.VAN, FuelType.DIESEL, 70, 1100, 6.0},
            {"Mercedes-Benz", "Sprinter 315", "WDB", VehicleType.VAN, FuelType.DIESEL, 71, 1300, 10.5},
            {"Volkswagen", "Crafter", "WV1", VehicleType.VAN, FuelType.DIESEL, 75, 1200, 11.3},
            {"Renault", "Master", "VF1", VehicleType.VAN, FuelType.DIESEL, 80, 1400, 12.0},
            {"Ford", "E-Transit", "WF0", VehicleType.VAN, FuelType.ELECTRIC, 0, 1000, 9.5},
            {"Toyota", "Corolla Hybrid", "SB1", VehicleType.CAR, FuelType.HYBRID, 43, 0, 0.4},
            {"Skoda", "Octavia Estate", "TMB", VehicleType.CAR, FuelType.DIESEL, 45, 0, 0.6},
            {"Tesla", "Model 3", "LRW", VehicleType.CAR, FuelType.ELECTRIC, 0, 0, 0.5},
            {"Volkswagen", "Golf", "WVW", VehicleType.CAR, FuelType.PETROL, 50, 0, 0.4},
            {"DAF", "LF 230", "XLR", VehicleType.TRUCK, FuelType.DIESEL, 200, 7500, 38.0},
            {"Volvo", "FL Electric", "YV2", VehicleType.TRUCK, FuelType.ELECTRIC, 0, 6500, 36.0},
            {"Mercedes-Benz", "Atego 1224", "WDB", VehicleType.TRUCK, FuelType.DIESEL, 150, 6800, 35.0},
            {"Toyota", "Hilux", "AHT", VehicleType.PICKUP, FuelType.DIESEL, 80, 1000, 1.5},
            {"Ford", "Ranger", "WF0", VehicleType.PICKUP, FuelType.DIESEL, 80, 1100, 1.6},
    };
    /** How often each model above appears (vans dominate a delivery and service fleet). */
    private static final int[] MODEL_WEIGHTS = {10, 9, 6, 5, 4, 5, 4, 3, 3, 3, 1, 2, 3, 2};

    private static final String[] FIRST_NAMES = {"Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur",
            "Ivy", "Muhammad", "Freya", "Leo", "Lily", "Harry", "Grace", "Oscar", "Sophia", "Jack", "Evie", "Charlie",
            "Aisha", "Thomas", "Chloe", "Jacob", "Ruby", "Alfie", "Priya", "Samuel", "Zara", "Daniel", "Hannah", "Kwame"};
    private static final String[] LAST_NAMES = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
            "Khan", "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Ahmed", "Lewis", "Harris", "Turner", "Mensah", "Kowalski"};
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ";
    private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private final DepotRepository depots;
    private final VehicleRepository vehicles;
    private final DriverRepository drivers;
    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;

    FleetDemoData(DepotRepository depots, VehicleRepository vehicles, DriverRepository drivers,
                  UserAccountRepository accounts, PasswordEncoder passwordEncoder) {
        this.depots = depots;
        this.vehicles = vehicles;
        this.drivers = drivers;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public boolean alreadyLoaded() {
        return depots.count() > 0;
    }

    @Override
    @Transactional
    public void load(DemoDataSettings settings, RandomGenerator random) {
        // One hash for every demo account: they share the demo password, and BCrypt is slow on purpose.
        String passwordHash = passwordEncoder.encode(settings.password());
        List<Depot> depotList = createDepots(settings.depots());
        Map<String, UserAccount> staff = createStaff(depotList, passwordHash);
        List<Driver> driverList = createDrivers(settings.drivers(), depotList, staff.get("driver"), passwordHash, random);
        createVehicles(settings.vehicles(), depotList, driverList, random);
    }

    private List<Depot> createDepots(int count) {
        List<Depot> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] site = SITES[i % SITES.length];
            Depot depot = new Depot();
            depot.setName(i < SITES.length ? site[0] : site[0] + " " + (i / SITES.length + 1));
            depot.setAddress(site[1]);
            depot.setLatitude(Double.parseDouble(site[2]) + (i / SITES.length) * 0.01);
            depot.setLongitude(Double.parseDouble(site[3]));
            depot.setTimeZone("Europe/London");
            result.add(depots.save(depot));
        }
        return result;
    }

    private Map<String, UserAccount> createStaff(List<Depot> depotList, String passwordHash) {
        Set<Depot> all = new HashSet<>(depotList);
        Map<String, UserAccount> staff = new LinkedHashMap<>();
        staff.put("admin", account("admin", "Alex Admin", Role.ADMIN, all, passwordHash));
        staff.put("manager", account("manager", "Morgan Manager", Role.FLEET_MANAGER, Set.of(depotList.get(0)), passwordHash));
        for (int i = 1; i < depotList.size(); i++) {
            String username = "manager" + (i + 1);
            staff.put(username, account(username, "Depot Manager " + (i + 1), Role.FLEET_MANAGER, Set.of(depotList.get(i)), passwordHash));
        }
        staff.put("dispatcher", account("dispatcher", "Dana Dispatcher", Role.DISPATCHER, all, passwordHash));
        staff.put("office", account("office", "Olive Office", Role.OFFICE_STAFF, Set.of(depotList.get(0)), passwordHash));
        staff.put("warehouse", account("warehouse", "Walt Warehouse", Role.WAREHOUSE, all, passwordHash));
        staff.put("technician", account("technician", "Tess Technician", Role.TECHNICIAN, Set.of(depotList.get(0)), passwordHash));
        staff.put("agent", account("agent", "Sam Support", Role.SUPPORT_AGENT, all, passwordHash));
        staff.put("driver", account("driver", "Drew Driver", Role.DRIVER, Set.of(depotList.get(0)), passwordHash));
        return staff;
    }

    private UserAccount account(String username, String fullName, Role role, Set<Depot> depotSet, String passwordHash) {
        UserAccount account = new UserAccount(username, fullName);
        account.setEmail(username + "@fleetdesk.example");
        account.setRoles(EnumSet.of(role));
        account.setDepots(depotSet);
        account.setPasswordHash(passwordHash);
        return accounts.save(account);
    }

    private List<Driver> createDrivers(int count, List<Depot> depotList, UserAccount demoDriver, String passwordHash,
                                       RandomGenerator random) {
        List<Driver> result = new ArrayList<>();
        Set<String> usernames = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Driver driver = new Driver();
            if (i == 0) {
                driver.setFirstName("Drew");
                driver.setLastName("Driver");
                driver.setUserAccount(demoDriver);
            } else {
                driver.setFirstName(FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]);
                driver.setLastName(LAST_NAMES[random.nextInt(LAST_NAMES.length)]);
                String base = (driver.getFirstName() + "." + driver.getLastName()).toLowerCase();
                String username = base;
                for (int n = 2; !usernames.add(username); n++) {
                    username = base + n;
                }
                Depot home = depotList.get(i % depotList.size());
                driver.setUserAccount(account(username, driver.fullName(), Role.DRIVER, Set.of(home), passwordHash));
            }
            driver.setDepot(depotList.get(i % depotList.size()));
            driver.setLicenceNumber(licenceNumber(driver, random));
            driver.setLicenceExpiry(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(8 * 365)));
            driver.setPhone(String.format("+44 7%03d %06d", 700 + random.nextInt(300), random.nextInt(1_000_000)));
            driver.setEmail(driver.getUserAccount().getUsername() + "@drivers.fleetdesk.example");
            driver.setStatus(random.nextInt(20) == 0 ? DriverStatus.ON_LEAVE : DriverStatus.ACTIVE);
            result.add(drivers.save(driver));
        }
        return result;
    }

    /** UK licence numbers: 5 letters of the surname, birth-date digits, initials and check characters. */
    private static String licenceNumber(Driver driver, RandomGenerator random) {
        String surname = (driver.getLastName().toUpperCase() + "99999").substring(0, 5);
        return surname + String.format("%06d", random.nextInt(1_000_000)) + driver.getFirstName().charAt(0) + "9"
                + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
    }

    private void createVehicles(int count, List<Depot> depotList, List<Driver> driverList, RandomGenerator random) {
        int totalWeight = java.util.Arrays.stream(MODEL_WEIGHTS).sum();
        Set<String> plates = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Object[] m = pickModel(random.nextInt(totalWeight));
            Vehicle vehicle = new Vehicle();
            vehicle.setMake((String) m[0]);
            vehicle.setModel((String) m[1]);
            vehicle.setType((VehicleType) m[3]);
            vehicle.setFuelType((FuelType) m[4]);
            int tank = (Integer) m[5];
            vehicle.setTankCapacityLitres(tank == 0 ? null : BigDecimal.valueOf(tank));
            vehicle.setCapacityKg((Integer) m[6]);
            vehicle.setCapacityM3(BigDecimal.valueOf((Double) m[7]).setScale(2, RoundingMode.HALF_UP));
            int year = 2018 + random.nextInt(8);
            vehicle.setModelYear(year);
            String plate;
            do {
                plate = plate(year, random);
            } while (!plates.add(plate));
            vehicle.setRegistration(plate);
            vehicle.setVin(vin((String) m[2], year, random));
            Depot depot = depotList.get(i % depotList.size());
            vehicle.setDepot(depot);
            int ageYears = 2026 - year;
            long km = 8_000L + (long) ageYears * (15_000 + random.nextInt(25_000)) + random.nextInt(5_000);
            vehicle.setOdometerKm(BigDecimal.valueOf(km));
            vehicle.setEngineHours(BigDecimal.valueOf(km / 42));
            vehicle.setPurchaseDate(LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)));
            vehicle.setNextServiceKm(BigDecimal.valueOf((km / 15_000 + 1) * 15_000));
            vehicle.setNextServiceDate(LocalDate.of(2026, 11, 1).plusDays(random.nextInt(240)));
            vehicle.setTrackerDeviceId(String.format("FD%04d", i + 1));
            // Most vehicles have a regular driver from the same depot.
            if (i < driverList.size() && random.nextInt(10) < 8 || i == 0) {
                Driver driver = driverList.stream()
                        .filter(d -> d.getDepot().equals(depot))
                        .skip(i / depotList.size())
                        .findFirst().orElse(null);
                vehicle.setCurrentDriver(driver);
            }
            int roll = random.nextInt(30);
            if (roll == 0) {
                vehicle.changeStatus(VehicleStatus.IN_MAINTENANCE);
            } else if (roll == 1) {
                vehicle.changeStatus(VehicleStatus.OUT_OF_SERVICE);
            }
            vehicles.save(vehicle);
        }
    }

    private static Object[] pickModel(int roll) {
        for (int i = 0; i < MODELS.length; i++) {
            roll -= MODEL_WEIGHTS[i];
            if (roll < 0) {
                return MODELS[i];
            }
        }
        return MODELS[0];
    }

    /** Current-style UK plate: area code (MA = Manchester), age identifier, three random letters. */
    private static String plate(int year, RandomGenerator random) {
        int age = year % 100 + (random.nextBoolean() ? 50 : 0);
        StringBuilder sb = new StringBuilder("M").append(PLATE_LETTERS.charAt(random.nextInt(PLATE_LETTERS.length())))
                .append(String.format("%02d", age)).append(' ');
        for (int i = 0; i < 3; i++) {
            sb.append(PLATE_LETTERS.charAt(random.nextInt(PLATE_LETTERS.length())));
        }
        return sb.toString();
    }

    private static String vin(String wmi, int year, RandomGenerator random) {
        StringBuilder sb = new StringBuilder(wmi);
        while (sb.length() < 17) {
            sb.append(VIN_CHARS.charAt(random.nextInt(VIN_CHARS.length())));
        }
        sb.setCharAt(9, "JKLMNPRSTVWXY".charAt(Math.max(0, Math.min(12, year - 2018 + 0)))); // model-year code (2018 = J)
        return sb.toString();
    }

    @Override
    public List<String> startupNotes(DemoDataSettings settings) {
        List<String> lines = new ArrayList<>();
        lines.add("Demo logins (password for all: " + settings.password() + "):");
        lines.add("  admin        Administrator: everything");
        lines.add("  manager      Fleet manager of the first depot (manager2, manager3, ... run the others)");
        lines.add("  dispatcher   Dispatcher for all depots");
        lines.add("  office       Office staff");
        lines.add("  warehouse    Warehouse staff");
        lines.add("  technician   Technician");
        lines.add("  agent        Support agent");
        lines.add("  driver       Driver (Drew Driver)");
        return lines;
    }
}
