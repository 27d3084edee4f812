package com.fleetdesk.trips;

import com.fleetdesk.fleet.FuelType;
import com.fleetdesk.fleet.VehicleType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes a believable history of past trips (with expenses and approval records) for the
 * fleet already in the database, fast enough for millions of rows: rows go in through
 * PostgreSQL {@code COPY} in batches, so memory stays flat whatever the number of trips.
 * <p>
 * The output depends only on the fleet in the database (read in id order), the active policy
 * rules, the {@code random} stream and the reference date: trips are spread over the 24 months
 * before that date, day by day in time order, so each vehicle's odometer readings rise with
 * time within one generation. Trip ids are reserved from the identity sequence up front and
 * written explicitly (expenses need them); expense and approval ids come from their sequences.
 * Each batch is committed on its own connection, outside any Spring transaction; run it only
 * while nobody else inserts trips.
 */
@Component
class TripHistoryGenerator {

    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final int BATCH = 50_000;

    /** Told after every committed batch. */
    @FunctionalInterface
    interface Progress {
        void written(int trips, int total);
    }

    private static final String TRIP_COPY = "copy trip_log (id, version, vehicle_id, vehicle_registration, driver_id, driver_name,"
            + " depot_id, owner_username, purpose, category, started_at, ended_at, start_place, end_place, start_odometer_km,"
            + " end_odometer_km, distance_km, distance_source, co2_kg, status, currency, total_cost, policy_violations, notes,"
            + " submitted_at, decided_at, created_at, created_by, updated_at, updated_by) from stdin";
    private static final String EXPENSE_COPY = "copy trip_expense (version, trip_id, expense_type, amount, currency, spent_on,"
            + " description, created_at, created_by, updated_at, updated_by) from stdin";
    private static final String APPROVAL_COPY = "copy trip_approval (trip_id, action, actor, acted_at, comment) from stdin";

    /** Towns and districts of Greater Manchester. */
    private static final String[] LOCAL_PLACES = {"Manchester city centre", "Salford Quays", "MediaCityUK", "Trafford Park",
            "Old Trafford", "Stretford", "Urmston", "Sale", "Altrincham", "Wythenshawe", "Manchester Airport", "Didsbury",
            "Chorlton", "Withington", "Levenshulme", "Gorton", "Ancoats", "Northern Quarter", "Hulme", "Cheetham Hill",
            "Eccles", "Swinton", "Walkden", "Irlam", "Prestwich", "Whitefield", "Radcliffe", "Bury", "Ramsbottom",
            "Heywood", "Rochdale", "Littleborough", "Middleton", "Oldham", "Chadderton", "Failsworth", "Royton",
            "Ashton-under-Lyne", "Stalybridge", "Hyde", "Denton", "Droylsden", "Stockport", "Cheadle", "Bramhall",
            "Hazel Grove", "Marple", "Romiley", "Bolton", "Horwich", "Farnworth", "Westhoughton", "Wigan", "Leigh",
            "Atherton", "Hindley", "Ashton-in-Makerfield", "Tyldesley"};
    /** Destinations beyond the region and their road distance from Manchester in km. */
    private static final String[] FAR_PLACES = {"Warrington", "Preston", "Liverpool", "Sheffield", "Chester", "Stoke-on-Trent",
            "Leeds", "Blackpool", "Lancaster", "Derby", "York", "Nottingham", "Birmingham", "Hull", "Leicester", "Carlisle",
            "Newcastle upon Tyne", "Bristol", "Cardiff", "London", "Glasgow", "Edinburgh"};
    private static final int[] FAR_KM = {30, 50, 55, 60, 65, 65, 70, 80, 85, 95, 115, 115, 140, 155, 155, 195,
            230, 270, 280, 330, 350, 350};

    /** Business purposes; {@code %s} is the destination. Weights sum to 100. */
    private static final String[] PURPOSES = {"Customer delivery to %s", "Site visit at %s", "Service appointment in %s",
            "Parts collection from %s", "Installation job in %s", "Maintenance call-out in %s", "Client meeting in %s",
            "Equipment return from %s", "Quote survey in %s", "Training course in %s", "Trade show in %s", "Depot transfer to %s"};
    private static final int[] PURPOSE_WEIGHTS = {30, 12, 10, 8, 8, 6, 6, 4, 4, 2, 1, 9};
    private static final int DEPOT_TRANSFER = 11;
    private static final String[] NOTES = {"Heavy traffic on the M60", "Customer not on site, left with reception",
            "Roadworks on the A6, diverted", "Collected returns on the way back", "Loading bay closed, waited 30 minutes",
            "Fuel light came on, filled up en route", "Second drop added by dispatch", "Tyre pressure warning, checked at depot",
            "Delivery signed for by site manager", "Booked in by phone the day before"};
    private static final String[] REJECTIONS = {"Receipt missing for the parking expense", "Purpose too vague: name the customer",
            "Fuel claim looks high for the distance", "Wrong vehicle selected", "Odometer readings do not match the vehicle record"};
    private static final String[] STATIONS = {"Shell", "BP", "Esso", "Tesco", "Asda", "Sainsbury's", "Morrisons", "Texaco", "Jet"};
    private static final String[] CHARGERS = {"InstaVolt", "Gridserve", "Osprey", "BP Pulse", "Ionity", "Tesla Supercharger"};

    private final DataSource dataSource;

    TripHistoryGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes {@code trips} past trips before {@code referenceDate}; returns how many were written. */
    int generate(int trips, RandomGenerator random, LocalDate referenceDate) {
        return generate(trips, random, referenceDate, (n, total) -> {
        });
    }

    int generate(int trips, RandomGenerator random, LocalDate referenceDate, Progress progress) {
        if (trips <= 0) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            Run run = null;
            try {
                Fleet fleet = Fleet.read(connection);
                if (fleet.vehicles.length == 0) {
                    connection.commit();
                    return 0;
                }
                long firstId = reserveIds(connection, trips);
                connection.commit();
                run = new Run(connection, fleet, trips, random, referenceDate, firstId, progress);
                return run.write();
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    if (run != null) {
                        run.abort();
                    }
                    connection.rollback();
                } catch (SQLException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e instanceof IOException io ? new UncheckedIOException(io) : e instanceof RuntimeException r ? r
                        : new IllegalStateException("Could not generate the trip history", e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not generate the trip history", e);
        }
    }

    /** Takes {@code n} ids from trip_log's identity sequence in one statement and returns the first. */
    private static long reserveIds(Connection c, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select setval(s.seq, nextval(s.seq) + ? - 1) - ? + 1 from (select pg_get_serial_sequence('trip_log', 'id') as seq) s")) {
            ps.setLong(1, n);
            ps.setLong(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---- the fleet, read once ---------------------------------------------------------------

    private record DriverInfo(long id, String name, long depotId, String username) {
    }

    private static final class VehicleInfo {
        long id;
        String registration;
        VehicleType type;
        FuelType fuel;
        long depotId;
        long odometerTenths;
        int co2Milli;
        DriverInfo[] pool;
        DriverInfo regular;
        long odometer; // running reading during one generation, in tenths of a km
    }

    private record Rule(PolicyRuleKind kind, ExpenseType type, String currency, BigDecimal amount) {
    }

    private static final class Fleet {
        VehicleInfo[] vehicles;
        Map<Long, String> depotNames = new HashMap<>();
        Map<Long, String[]> managers = new HashMap<>();
        String admin = "admin";
        List<Rule> rules = new ArrayList<>();
        long[] depotIds;

        static Fleet read(Connection c) throws SQLException {
            Fleet f = new Fleet();
            try (Statement st = c.createStatement()) {
                List<Long> depots = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select id, name from depot order by id")) {
                    while (rs.next()) {
                        f.depotNames.put(rs.getLong(1), rs.getString(2));
                        depots.add(rs.getLong(1));
                    }
                }
                f.depotIds = depots.stream().mapToLong(Long::longValue).toArray();
                List<DriverInfo> drivers = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("""
                        select d.id, d.first_name || ' ' || d.last_name, d.depot_id, u.username
                          from driver d join user_account u on u.id = d.user_account_id
                         order by d.id""")) {
                    while (rs.next()) {
                        drivers.add(new DriverInfo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                    }
                }
                Map<Long, List<String>> managers = new HashMap<>();
                try (ResultSet rs = st.executeQuery("""
                        select r.role, ud.depot_id, u.username
                          from user_account u join user_account_role r on r.user_account_id = u.id
                          left join user_account_depot ud on ud.user_account_id = u.id
                         where r.role in ('FLEET_MANAGER', 'ADMIN') and u.enabled
                         order by r.role, u.username, ud.depot_id""")) {
                    boolean adminSeen = false;
                    while (rs.next()) {
                        if ("ADMIN".equals(rs.getString(1))) {
                            if (!adminSeen) {
                                f.admin = rs.getString(3);
                                adminSeen = true;
                            }
                        } else if (rs.getObject(2) != null) {
                            managers.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getString(3));
                        }
                    }
                }
                managers.forEach((depot, names) -> f.managers.put(depot, names.toArray(String[]::new)));
                try (ResultSet rs = st.executeQuery(
                        "select kind, expense_type, currency, amount from trip_policy_rule where active order by id")) {
                    while (rs.next()) {
                        String type = rs.getString(2);
                        f.rules.add(new Rule(PolicyRuleKind.valueOf(rs.getString(1)), type == null ? null : ExpenseType.valueOf(type),
                                rs.getString(3), rs.getBigDecimal(4)));
                    }
                }
                List<VehicleInfo> vehicles = new ArrayList<>();
                if (!drivers.isEmpty()) {
                    Map<Long, Integer> perDepot = new HashMap<>();
                    try (ResultSet rs = st.executeQuery(
                            "select id, registration, vehicle_type, fuel_type, depot_id, odometer_km from vehicle order by id")) {
                        while (rs.next()) {
                            VehicleInfo v = new VehicleInfo();
                            v.id = rs.getLong(1);
                            v.registration = rs.getString(2);
                            v.type = VehicleType.valueOf(rs.getString(3));
                            v.fuel = FuelType.valueOf(rs.getString(4));
                            v.depotId = rs.getLong(5);
                            v.odometerTenths = rs.getBigDecimal(6).movePointRight(1).setScale(0, RoundingMode.DOWN).longValueExact();
                            v.co2Milli = Co2Factors.kgPerKm(v.type, v.fuel).movePointRight(3).intValueExact();
                            DriverInfo[] local = drivers.stream().filter(d -> d.depotId() == v.depotId).toArray(DriverInfo[]::new);
                            v.pool = local.length > 0 ? local : drivers.toArray(DriverInfo[]::new);
                            int nth = perDepot.merge(v.depotId, 1, Integer::sum) - 1;
                            v.regular = v.pool[nth % v.pool.length];
                            vehicles.add(v);
                        }
                    }
                }
                f.vehicles = vehicles.toArray(VehicleInfo[]::new);
            }
            return f;
        }

        String depotLabel(long depotId) {
            return depotNames.getOrDefault(depotId, "Main") + " depot";
        }
    }

    // ---- one generation -----------------------------------------------------------------------

    private record Expense(ExpenseType type, long pence, String description) {
    }

    private static final class Trip {
        int seq;
        VehicleInfo vehicle;
        DriverInfo driver;
        String purpose;
        TripCategory category;
        long startedAt; // epoch seconds
        long endedAt;
        String startPlace;
        String endPlace;
        long distanceTenths;
        TripStatus status;
        long submittedAt;
        long decidedAt;
        long createdAt;
        String decider;
        String rejection;
        String notes;
        LocalDate date;
        List<Expense> expenses = List.of();
        long totalPence;
        String violations;
    }

    private static final class Run {
        private final Connection connection;
        private final CopyManager copy;
        private final Fleet fleet;
        private final int total;
        private final RandomGenerator random;
        private final LocalDate referenceDate;
        private final long referenceSecond;
        private final Progress progress;
        private long nextId;
        private final StringBuilder expenseRows = new StringBuilder(1 << 20);
        private final StringBuilder approvalRows = new StringBuilder(1 << 20);
        private final StringBuilder line = new StringBuilder(512);
        private PGCopyOutputStream tripCopy;

        Run(Connection connection, Fleet fleet, int total, RandomGenerator random, LocalDate referenceDate, long firstId,
            Progress progress) throws SQLException {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            this.fleet = fleet;
            this.total = total;
            this.random = random;
            this.referenceDate = referenceDate;
            this.referenceSecond = referenceDate.atStartOfDay(ZONE).toEpochSecond();
            this.nextId = firstId;
            this.progress = progress;
            // Start each vehicle so its history roughly ends at today's reading (never below zero).
            long perVehicleTenths = (long) total / fleet.vehicles.length * 600;
            for (VehicleInfo v : fleet.vehicles) {
                v.odometer = Math.max(0, v.odometerTenths - perVehicleTenths);
            }
        }

        int write() throws SQLException, IOException {
            LocalDate first = referenceDate.minusMonths(24);
            int days = (int) (referenceDate.toEpochDay() - first.toEpochDay());
            long[] cumulative = new long[days + 1];
            for (int d = 0; d < days; d++) {
                cumulative[d + 1] = cumulative[d] + dayWeight(first.plusDays(d));
            }
            long weightSum = cumulative[days];
            int written = 0;
            int inBatch = 0;
            Writer trips = null;
            tripCopy = null;
            for (int d = 0; d < days; d++) {
                int n = (int) (cumulative[d + 1] * total / weightSum - cumulative[d] * total / weightSum);
                if (n == 0) {
                    continue;
                }
                LocalDate date = first.plusDays(d);
                Trip[] today = new Trip[n];
                for (int i = 0; i < n; i++) {
                    today[i] = draw(date, i);
                }
                Arrays.sort(today, Comparator.<Trip>comparingLong(t -> t.startedAt).thenComparingInt(t -> t.seq));
                if (trips == null) {
                    tripCopy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), TRIP_COPY, 1 << 16);
                    trips = new BufferedWriter(new OutputStreamWriter(tripCopy, StandardCharsets.UTF_8), 1 << 16);
                }
                for (Trip t : today) {
                    t.vehicle.odometer += random.nextInt(20) == 0 ? 10 * (1 + random.nextInt(40)) : 0; // an unlogged hop now and then
                    long start = t.vehicle.odometer;
                    t.vehicle.odometer += t.distanceTenths;
                    writeTrip(trips, nextId++, t, start);
                    written++;
                    inBatch++;
                }
                if (inBatch >= BATCH) {
                    flush(trips);
                    trips = null;
                    inBatch = 0;
                    progress.written(written, total);
                }
            }
            if (trips != null) {
                flush(trips);
                progress.written(written, total);
            }
            return written;
        }

        /** Leaves a half-written COPY so the connection can roll back. */
        void abort() throws SQLException {
            if (tripCopy != null && tripCopy.isActive()) {
                tripCopy.cancelCopy();
            }
        }

        private void flush(Writer trips) throws SQLException, IOException {
            trips.close(); // ends the trip COPY
            tripCopy = null;
            copy.copyIn(EXPENSE_COPY, new StringReader(expenseRows.toString()));
            copy.copyIn(APPROVAL_COPY, new StringReader(approvalRows.toString()));
            expenseRows.setLength(0);
            approvalRows.setLength(0);
            connection.commit();
        }

        /** Busy weekdays, quiet weekends, dips in August and around Christmas. */
        private static long dayWeight(LocalDate date) {
            int base = switch (date.getDayOfWeek()) {
                case SATURDAY -> 25;
                case SUNDAY -> 5;
                default -> 100;
            };
            int month = switch (date.getMonthValue()) {
                case 8 -> 85;
                case 12 -> date.getDayOfMonth() >= 22 ? 30 : 90;
                case 1 -> date.getDayOfMonth() == 1 ? 10 : 95;
                default -> 100;
            };
            return (long) base * month;
        }

        private Trip draw(LocalDate date, int seq) {
            Trip t = new Trip();
            t.seq = seq;
            t.date = date;
            VehicleInfo v = fleet.vehicles[random.nextInt(fleet.vehicles.length)];
            t.vehicle = v;
            t.driver = random.nextInt(100) < 70 ? v.regular : v.pool[random.nextInt(v.pool.length)];
            int c = random.nextInt(100);
            t.category = c < 91 ? TripCategory.BUSINESS : c < 97 ? TripCategory.COMMUTE : TripCategory.PRIVATE;

            double median = switch (t.category) {
                case COMMUTE -> 18;
                case PRIVATE -> 25;
                case BUSINESS -> switch (v.type) {
                    case TRUCK, BUS -> 70;
                    case PICKUP -> 45;
                    case VAN -> 40;
                    case CAR, MOTORCYCLE -> 35;
                };
            };
            double sigma = t.category == TripCategory.BUSINESS ? 0.75 : 0.5;
            double km = Math.min(600, Math.max(5, median * Math.exp(sigma * random.nextGaussian())));
            t.distanceTenths = Math.round(km * 10);
            km = t.distanceTenths / 10.0;

            String depot = fleet.depotLabel(t.driver.depotId());
            String destination;
            switch (t.category) {
                case COMMUTE -> {
                    String home = local();
                    boolean morning = random.nextBoolean();
                    t.purpose = morning ? "Commute from home in " + home : "Commute home to " + home;
                    t.startPlace = morning ? home : depot;
                    t.endPlace = morning ? depot : home;
                }
                case PRIVATE -> {
                    destination = km > 120 ? far(km) : local();
                    t.purpose = "Private journey to " + destination + " (approved use)";
                    t.startPlace = depot;
                    t.endPlace = random.nextBoolean() ? destination : depot;
                }
                case BUSINESS -> {
                    int p = pick(PURPOSE_WEIGHTS);
                    if (p == DEPOT_TRANSFER && fleet.depotIds.length > 1 && km <= 150) {
                        long other;
                        do {
                            other = fleet.depotIds[random.nextInt(fleet.depotIds.length)];
                        } while (other == t.driver.depotId());
                        destination = fleet.depotLabel(other);
                    } else {
                        if (p == DEPOT_TRANSFER) {
                            p = 0;
                        }
                        destination = km > 150 || km > 80 && random.nextInt(100) < 35 ? far(km) : local();
                    }
                    t.purpose = PURPOSES[p].formatted(destination);
                    t.startPlace = random.nextInt(100) < 85 ? depot : local();
                    t.endPlace = random.nextInt(100) < 60 ? t.startPlace : destination;
                }
            }

            double speed = km < 30 ? 24 + random.nextInt(11) : km < 100 ? 38 + random.nextInt(18) : 58 + random.nextInt(18);
            int stop = t.category == TripCategory.BUSINESS ? 10 + random.nextInt(80) : random.nextInt(16);
            int minutes = (int) Math.min(540, Math.max(20, Math.round(km / speed * 60) + stop));
            int earliest = 6 * 60 + 30;
            int latest = Math.max(earliest, Math.min(17 * 60 + 30, 19 * 60 + 30 - minutes));
            int startMinute;
            if (t.category == TripCategory.COMMUTE) {
                startMinute = t.startPlace.equals(depot) ? 16 * 60 + 30 + random.nextInt(120) : 6 * 60 + 30 + random.nextInt(180);
            } else {
                startMinute = earliest + random.nextInt(latest - earliest + 1);
            }
            t.startedAt = date.atTime(startMinute / 60, startMinute % 60).atZone(ZONE).toEpochSecond();
            t.endedAt = t.startedAt + minutes * 60L;
            if (random.nextInt(100) < 8) {
                t.notes = NOTES[random.nextInt(NOTES.length)];
            }

            expenses(t, km, minutes, destinationOf(t));
            status(t);
            t.violations = violations(t);
            return t;
        }

        private String destinationOf(Trip t) {
            return t.endPlace.endsWith(" depot") ? t.startPlace.endsWith(" depot") ? "Manchester" : t.startPlace : t.endPlace;
        }

        private void expenses(Trip t, double km, int minutes, String place) {
            List<Expense> list = new ArrayList<>(6);
            VehicleInfo v = t.vehicle;
            if (v.fuel == FuelType.ELECTRIC) {
                if (random.nextInt(100) < (km >= 40 ? 55 : 20)) {
                    long pence = Math.max(100, Math.round(km * (6 + random.nextInt(5))));
                    list.add(new Expense(ExpenseType.FUEL, pence, "Rapid charging, " + CHARGERS[random.nextInt(CHARGERS.length)] + " " + place));
                }
            } else {
                int chance = km >= 60 ? 92 : km >= 25 ? 70 : 30;
                if (random.nextInt(100) < chance) {
                    int low, span; // pence per km
                    switch (v.type) {
                        case TRUCK, BUS -> { low = 30; span = 19; }
                        case PICKUP -> { low = 16; span = 9; }
                        case VAN -> { low = 15; span = 11; }
                        default -> { low = 10; span = 8; }
                    }
                    long pence = Math.max(100, Math.round(km * (low + random.nextInt(span) + random.nextInt(100) / 100.0)));
                    String fuel = switch (v.fuel) {
                        case DIESEL -> "Diesel";
                        case LPG -> "LPG";
                        case CNG -> "CNG";
                        default -> "Unleaded";
                    };
                    list.add(new Expense(ExpenseType.FUEL, pence, fuel + ", " + STATIONS[random.nextInt(STATIONS.length)] + " " + place));
                }
            }
            if (km >= 80 && random.nextInt(100) < 25) {
                boolean m6 = random.nextInt(10) < 7;
                long pence = switch (v.type) {
                    case TRUCK, BUS -> m6 ? 1970 : 800;
                    case VAN, PICKUP -> m6 ? 1470 : 200;
                    default -> m6 ? 970 : 200;
                };
                list.add(new Expense(ExpenseType.TOLL, pence, m6 ? "M6 Toll" : "Mersey Gateway Bridge"));
            }
            if (random.nextInt(100) < (t.category == TripCategory.BUSINESS ? 65 : 15)) {
                long pence = 150 + 10L * random.nextInt(166);
                String where = random.nextInt(3) == 0 ? "NCP car park, " : random.nextBoolean() ? "Pay and display, " : "Customer site parking, ";
                list.add(new Expense(ExpenseType.PARKING, pence, where + place));
            }
            if (random.nextInt(100) < (minutes >= 240 ? 80 : minutes >= 120 ? 55 : 12)) {
                if (minutes >= 240 && random.nextInt(100) < 12) {
                    list.add(new Expense(ExpenseType.MEAL, 4050 + 10L * random.nextInt(276), "Dinner with customer, " + place));
                } else {
                    String[] meals = {"Lunch on the road", "Breakfast at the services", "Sandwich and coffee", "Evening meal, " + place};
                    list.add(new Expense(ExpenseType.MEAL, 550 + 10L * random.nextInt(186), meals[random.nextInt(meals.length)]));
                }
            }
            if ((km >= 350 || km >= 250 && minutes >= 360) && random.nextInt(100) < 55) {
                list.add(new Expense(ExpenseType.LODGING, 6900 + 100L * random.nextInt(81),
                        (random.nextBoolean() ? "Premier Inn, " : "Travelodge, ") + place));
            }
            if (v.fuel == FuelType.DIESEL ? random.nextInt(100) < 12 : random.nextInt(100) < 5) {
                list.add(v.fuel == FuelType.DIESEL
                        ? new Expense(ExpenseType.OTHER, 800 + 10L * random.nextInt(121), "AdBlue top-up")
                        : new Expense(ExpenseType.OTHER, 600 + 50L * random.nextInt(13), "Vehicle wash"));
            }
            if (list.size() > 4) { // at most four: the extras go first
                list.removeIf(e -> e.type() == ExpenseType.OTHER);
            }
            if (list.size() > 4) {
                list.removeIf(e -> e.type() == ExpenseType.PARKING);
            }
            t.expenses = list;
            t.totalPence = list.stream().mapToLong(Expense::pence).sum();
        }

        /** ~70 % approved, 10 % submitted, 8 % rejected, 12 % draft; nothing decided after the reference date. */
        private void status(Trip t) {
            int r = random.nextInt(100);
            TripStatus status = r < 70 ? TripStatus.APPROVED : r < 80 ? TripStatus.SUBMITTED : r < 88 ? TripStatus.REJECTED : TripStatus.DRAFT;
            t.createdAt = t.endedAt + 60L * (5 + random.nextInt(240));
            long submitted = t.createdAt + 60L * random.nextInt(3 * 24 * 60);
            long decided = submitted + 60L * (60 + random.nextInt(5 * 24 * 60));
            String[] managers = fleet.managers.get(t.driver.depotId());
            String decider = managers == null ? fleet.admin : managers[random.nextInt(managers.length)];
            String rejection = REJECTIONS[random.nextInt(REJECTIONS.length)];
            if (status != TripStatus.DRAFT && decided >= referenceSecond) {
                status = TripStatus.SUBMITTED;
            }
            if (status != TripStatus.DRAFT && submitted >= referenceSecond) {
                status = TripStatus.DRAFT;
            }
            t.createdAt = Math.min(t.createdAt, referenceSecond - 1);
            t.status = status;
            if (status != TripStatus.DRAFT) {
                t.submittedAt = submitted;
            }
            if (status == TripStatus.APPROVED || status == TripStatus.REJECTED) {
                t.decidedAt = decided;
                t.decider = decider.equals(t.driver.username()) ? fleet.admin : decider;
                t.rejection = status == TripStatus.REJECTED ? rejection : null;
            }
        }

        /** The same sentences as {@link TripPolicyRule#check}, joined as the service joins them. */
        private String violations(Trip t) {
            if (fleet.rules.isEmpty() || t.expenses.isEmpty()) {
                return null;
            }
            List<String> found = new ArrayList<>(2);
            for (Rule rule : fleet.rules) {
                boolean gbp = "GBP".equals(rule.currency());
                switch (rule.kind()) {
                    case EXPENSE_TYPE_CAP -> {
                        if (gbp) {
                            for (Expense e : t.expenses) {
                                BigDecimal amount = BigDecimal.valueOf(e.pence(), 2);
                                if (e.type() == rule.type() && amount.compareTo(rule.amount()) > 0) {
                                    found.add(rule.type().label() + " expense of " + money(rule, amount) + " is over the cap of "
                                            + money(rule, rule.amount()));
                                    break;
                                }
                            }
                        }
                    }
                    case MAX_TRIP_COST -> {
                        BigDecimal totalCost = BigDecimal.valueOf(gbp ? t.totalPence : 0, 2);
                        if (totalCost.compareTo(rule.amount()) > 0) {
                            found.add("Trip cost " + money(rule, totalCost) + " is over the maximum of " + money(rule, rule.amount()));
                        }
                    }
                    case PER_KM_ALLOWANCE -> {
                        long pence = gbp ? t.expenses.stream()
                                .filter(e -> e.type() == ExpenseType.FUEL || e.type() == ExpenseType.TOLL)
                                .mapToLong(Expense::pence).sum() : 0;
                        if (pence > 0) {
                            BigDecimal perKm = BigDecimal.valueOf(pence, 2).divide(BigDecimal.valueOf(t.distanceTenths, 1), 3, RoundingMode.HALF_UP);
                            if (perKm.compareTo(rule.amount()) > 0) {
                                found.add("Fuel and toll of " + rule.currency() + " " + perKm.toPlainString() + " per km is over the allowance of "
                                        + rule.currency() + " " + rule.amount().toPlainString() + " per km");
                            }
                        }
                    }
                }
            }
            return found.isEmpty() ? null : String.join("; ", found);
        }

        private static String money(Rule rule, BigDecimal value) {
            return rule.currency() + " " + value.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }

        private String local() {
            return LOCAL_PLACES[random.nextInt(LOCAL_PLACES.length)];
        }

        /** A destination about half the (round-trip) distance away. */
        private String far(double km) {
            double target = km / 2;
            int[] candidates = new int[FAR_PLACES.length];
            int n = 0;
            int closest = 0;
            for (int i = 0; i < FAR_KM.length; i++) {
                if (Math.abs(FAR_KM[i] - target) <= 0.3 * target) {
                    candidates[n++] = i;
                }
                if (Math.abs(FAR_KM[i] - target) < Math.abs(FAR_KM[closest] - target)) {
                    closest = i;
                }
            }
            return FAR_PLACES[n == 0 ? closest : candidates[random.nextInt(n)]];
        }

        private int pick(int[] weights) {
            int roll = random.nextInt(100);
            for (int i = 0; i < weights.length; i++) {
                roll -= weights[i];
                if (roll < 0) {
                    return i;
                }
            }
            return 0;
        }

        // ---- COPY text format --------------------------------------------------------------

        private void writeTrip(Writer out, long id, Trip t, long startOdometer) throws IOException {
            StringBuilder b = line;
            b.setLength(0);
            String owner = t.driver.username();
            b.append(id).append("\t0\t").append(t.vehicle.id).append('\t');
            text(b, t.vehicle.registration).append('\t').append(t.driver.id()).append('\t');
            text(b, t.driver.name()).append('\t').append(t.driver.depotId()).append('\t');
            text(b, owner).append('\t');
            text(b, t.purpose).append('\t').append(t.category.name()).append('\t');
            time(b, t.startedAt).append('\t');
            time(b, t.endedAt).append('\t');
            text(b, t.startPlace).append('\t');
            text(b, t.endPlace).append('\t');
            tenths(b, startOdometer).append('\t');
            tenths(b, startOdometer + t.distanceTenths).append('\t');
            tenths(b, t.distanceTenths).append("\tODOMETER\t");
            long co2 = (t.distanceTenths * t.vehicle.co2Milli + 50) / 100; // kg, two decimals, half up
            hundredths(b, co2).append('\t').append(t.status.name()).append("\tGBP\t");
            hundredths(b, t.totalPence).append('\t');
            text(b, t.violations).append('\t');
            text(b, t.notes).append('\t');
            time(b, t.submittedAt).append('\t');
            time(b, t.decidedAt).append('\t');
            time(b, t.createdAt).append('\t');
            text(b, owner).append('\t');
            long updated = Math.max(t.createdAt, Math.max(t.submittedAt, t.decidedAt));
            time(b, updated).append('\t');
            text(b, t.decidedAt != 0 ? t.decider : owner).append('\n');
            out.append(b);

            String spentOn = t.date.toString();
            for (Expense e : t.expenses) {
                StringBuilder x = expenseRows;
                x.append("0\t").append(id).append('\t').append(e.type().name()).append('\t');
                hundredths(x, e.pence()).append("\tGBP\t").append(spentOn).append('\t');
                text(x, e.description()).append('\t');
                time(x, t.createdAt).append('\t');
                text(x, owner).append('\t');
                time(x, t.createdAt).append('\t');
                text(x, owner).append('\n');
            }
            if (t.submittedAt != 0) {
                approval(id, "SUBMITTED", owner, t.submittedAt, null);
            }
            if (t.decidedAt != 0) {
                approval(id, t.status.name(), t.decider, t.decidedAt, t.rejection);
            }
        }

        private void approval(long tripId, String action, String actor, long at, String comment) {
            StringBuilder a = approvalRows;
            a.append(tripId).append('\t').append(action).append('\t');
            text(a, actor).append('\t');
            time(a, at).append('\t');
            text(a, comment).append('\n');
        }

        private static StringBuilder text(StringBuilder b, String value) {
            if (value == null) {
                return b.append("\\N");
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(ch);
                }
            }
            return b;
        }

        private static StringBuilder time(StringBuilder b, long epochSecond) {
            return epochSecond == 0 ? b.append("\\N") : b.append(Instant.ofEpochSecond(epochSecond));
        }

        private static StringBuilder tenths(StringBuilder b, long value) {
            return b.append(value / 10).append('.').append(value % 10);
        }

        private static StringBuilder hundredths(StringBuilder b, long value) {
            b.append(value / 100).append('.');
            long cents = value % 100;
            return (cents < 10 ? b.append('0') : b).append(cents);
        }
    }
}
