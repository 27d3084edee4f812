package com.fleetdesk.support;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockFilter;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockRow;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.telematics.FleetPositionService;
import com.fleetdesk.telematics.VehicleOnMap;
import com.fleetdesk.trips.TripApproval;
import com.fleetdesk.trips.TripDetails;
import com.fleetdesk.trips.TripFilter;
import com.fleetdesk.trips.TripLog;
import com.fleetdesk.trips.TripLogService;
import com.fleetdesk.trips.TripRow;
import com.fleetdesk.trips.TripSort;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the assistant can look up or do, for one question of one user. Every read goes through
 * the owning module's public service on the asking user's security context, so a tool can never
 * see more than the user could on screen, whatever a message or an article tells the model to do:
 * the arguments only say what to look for, never whose rights to use. Results are sentences;
 * with an external model, personal data in them is masked before it leaves (and arguments unmasked).
 */
class AssistantTools {

    static final Pattern PLATE = Pattern.compile("\\b([A-Z]{2})\\s?([0-9]{2})\\s?([A-Z]{3})\\b", Pattern.CASE_INSENSITIVE);
    static final Pattern TRIP_NUMBER = Pattern.compile("(?:\\btrip\\b[^0-9]{0,20}?|#)\\s*(\\d{1,12})\\b", Pattern.CASE_INSENSITIVE);
    static final Pattern PART_NUMBER = Pattern.compile("\\b([A-Z]{2,4}-[A-Z0-9]{2,5}-\\d{2,4})\\b", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final FleetPositionService positions;
    private final TripLogService trips;
    private final StockService stock;
    private final SupportTickets tickets;
    private final ZoneId zone;
    private final PiiMasker masker;
    private final List<String> used = new ArrayList<>();
    private String ticketRequested;

    AssistantTools(FleetPositionService positions, TripLogService trips, StockService stock, SupportTickets tickets, ZoneId zone,
                   PiiMasker masker) {
        this.positions = positions;
        this.trips = trips;
        this.stock = stock;
        this.tickets = tickets;
        this.zone = zone;
        this.masker = masker;
    }

    /** Names of the tools called so far, in order. */
    List<String> used() {
        return used;
    }

    /** The subject of the ticket the user asked to open, if they did. */
    Optional<String> ticketRequested() {
        return Optional.ofNullable(ticketRequested);
    }

    @Tool("Where a vehicle is now and its status (moving, stopped, in maintenance…), by its registration plate. "
            + "Leave the registration empty for the asking driver's own vehicle.")
    String vehicleStatus(@P(value = "registration plate, e.g. MA21 XYZ", required = false) String registration) {
        used.add("vehicle_status");
        String plate = plate(inbound(registration)).orElse(null);
        List<VehicleOnMap> found;
        try {
            found = positions.fleetNow(new VehicleFilter(plate, null, java.util.Set.of(), null));
        } catch (AccessDeniedException e) {
            return "You are not allowed to see vehicle positions.";
        }
        if (plate != null) {
            String wanted = plate.replace(" ", "");
            found = found.stream().filter(v -> v.registration().replace(" ", "").equalsIgnoreCase(wanted)).toList();
        }
        if (found.isEmpty()) {
            return plate == null ? "I could not find a vehicle assigned to you."
                    : "I cannot find a vehicle " + plate + " among the vehicles you may see.";
        }
        if (found.size() > 1) {
            return "You can see " + found.size() + " vehicles; tell me the registration of the one you mean.";
        }
        VehicleOnMap v = found.getFirst();
        Instant now = Instant.now();
        StringBuilder s = new StringBuilder(v.registration()).append(" (").append(v.makeModel()).append(", ").append(v.depotName())
                .append(") is ").append(v.vehicleStatus().toLowerCase(Locale.ROOT));
        if (v.hasPosition()) {
            s.append(" and ").append(v.motion(now).toLowerCase(Locale.ROOT));
            if (v.speedKmh() != null && v.speedKmh() >= 3) {
                s.append(" at ").append(Math.round(v.speedKmh())).append(" km/h");
            }
            s.append(String.format(Locale.ROOT, ", last seen at %.4f, %.4f %s ago", v.lat(), v.lon(), ago(v.fixTime(), now)));
        } else {
            s.append("; it has not reported a position yet");
        }
        if (v.driverName() != null) {
            if (masker != null) {
                masker.knowName(v.driverName());
            }
            s.append("; driver ").append(v.driverName());
        }
        return outbound(s.append('.').toString());
    }

    @Tool("The approval state of a trip by its number; without a number, the asking user's most recent trip.")
    String tripStatus(@P(value = "trip number", required = false) Long tripId) {
        used.add("trip_status");
        try {
            Long id = tripId;
            if (id == null) {
                String me = CurrentUser.requireUsername();
                Optional<TripRow> latest = trips.page(TripFilter.none(), List.of(TripSort.newestFirst()), 0, 200).stream()
                        .filter(t -> me.equalsIgnoreCase(t.ownerUsername())).findFirst();
                if (latest.isEmpty()) {
                    return "I could not find a recent trip of yours; tell me the trip number.";
                }
                id = latest.get().id();
            }
            Optional<TripDetails> details = trips.details(id);
            if (details.isEmpty()) {
                return "I cannot find trip #" + id + " among the trips you may see.";
            }
            TripLog trip = details.get().trip();
            StringBuilder s = new StringBuilder("Trip #").append(id).append(" (").append(trip.getPurpose()).append(", ")
                    .append(DAY.format(trip.getStartedAt().atZone(zone))).append(") is ")
                    .append(trip.getStatus().label().toLowerCase(Locale.ROOT));
            switch (trip.getStatus()) {
                case DRAFT -> s.append(": it has not been submitted for approval yet");
                case SUBMITTED -> s.append(" and waiting for a fleet manager's decision");
                case APPROVED -> s.append("");
                case REJECTED -> s.append("; correct it and submit it again");
            }
            details.get().history().stream().max(Comparator.comparing(TripApproval::getActedAt)).ifPresent(last -> {
                s.append(" (last step: ").append(last.getAction().name().toLowerCase(Locale.ROOT)).append(" by ").append(last.getActor())
                        .append(" on ").append(DAY.format(last.getActedAt().atZone(zone)));
                if (last.getComment() != null && !last.getComment().isBlank()) {
                    s.append(", comment: \"").append(last.getComment().strip()).append('"');
                }
                s.append(')');
            });
            return outbound(s.append('.').toString());
        } catch (AccessDeniedException e) {
            return "You are not allowed to see trips.";
        }
    }

    @Tool("How much of a spare part is in stock, by part number or name, optionally at one stock location (warehouse or service centre).")
    String stockLevel(@P("part number or part name") String partArgument,
                      @P(value = "stock location name", required = false) String locationArgument) {
        used.add("stock_level");
        String part = inbound(partArgument);
        String location = inbound(locationArgument);
        if (part == null || part.isBlank()) {
            return "Which part do you mean? Give me its part number or name.";
        }
        try {
            List<PartInfo> parts = stock.parts(part.strip(), 0, 5);
            if (parts.isEmpty()) {
                return "I cannot find a part matching \"" + part.strip() + "\".";
            }
            PartInfo p = parts.getFirst();
            Optional<StockLocationInfo> at = location == null || location.isBlank() ? Optional.empty()
                    : stock.locations().stream().filter(l -> l.name().toLowerCase(Locale.ROOT).contains(location.strip().toLowerCase(Locale.ROOT)))
                    .findFirst();
            List<StockRow> rows = stock.page(new StockFilter(at.map(StockLocationInfo::id).orElse(null), null, null, null, p.id()), 0, 50);
            if (rows.isEmpty()) {
                return p.label() + " is not stocked" + at.map(l -> " at " + l.name()).orElse(" anywhere") + ".";
            }
            StringBuilder s = new StringBuilder(p.label()).append(": ");
            for (int i = 0; i < rows.size(); i++) {
                StockRow r = rows.get(i);
                s.append(i == 0 ? "" : "; ").append(r.available().stripTrailingZeros().toPlainString()).append(' ')
                        .append(r.unit().name().toLowerCase(Locale.ROOT)).append(" available at ").append(r.locationName())
                        .append(" (").append(r.status().label().toLowerCase(Locale.ROOT)).append(')');
            }
            return s.append('.').toString();
        } catch (AccessDeniedException e) {
            return "Stock levels are only visible to warehouse staff, technicians and fleet managers.";
        }
    }

    /** The stock tool for a question in plain words: finds the part and the location named in it. */
    String stockLevelFromQuestion(String question) {
        Matcher number = PART_NUMBER.matcher(question);
        String lower = question.toLowerCase(Locale.ROOT);
        try {
            String location = stock.locations().stream().map(StockLocationInfo::name)
                    .filter(name -> mentions(lower, name)).findFirst().orElse(null);
            if (number.find()) {
                return stockLevel(number.group(1), location);
            }
            java.util.Set<String> words = words(lower);
            PartInfo best = null;
            int bestHits = 0;
            for (PartInfo p : stock.parts(null, 0, 1000)) {
                int hits = 0;
                for (String w : words(p.name().toLowerCase(Locale.ROOT))) {
                    if (w.length() > 2 && words.contains(w)) {
                        hits++;
                    }
                }
                if (hits > bestHits) {
                    best = p;
                    bestHits = hits;
                }
            }
            return stockLevel(best == null ? null : best.partNumber(), location);
        } catch (AccessDeniedException e) {
            used.add("stock_level");
            return "Stock levels are only visible to warehouse staff, technicians and fleet managers.";
        }
    }

    private static boolean mentions(String lowerQuestion, String locationName) {
        String name = locationName.toLowerCase(Locale.ROOT);
        if (lowerQuestion.contains(name)) {
            return true;
        }
        // "Trafford service centre" is asked for as "Trafford"
        for (String w : words(name)) {
            if (w.length() > 4 && !w.equals("service") && !w.equals("centre") && !w.equals("warehouse") && !w.equals("central")
                    && words(lowerQuestion).contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case words with a plural "s" dropped, so "filters" finds "Oil filter". */
    static java.util.Set<String> words(String text) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String w : text.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    @Tool("The asking user's open support tickets.")
    String myTickets() {
        used.add("my_tickets");
        List<SupportTickets.Ticket> open = tickets.openTickets(CurrentUser.requireUsername());
        if (open.isEmpty()) {
            return "You have no open tickets.";
        }
        StringBuilder s = new StringBuilder("You have ").append(open.size()).append(open.size() == 1 ? " open ticket: " : " open tickets: ");
        for (int i = 0; i < open.size(); i++) {
            SupportTickets.Ticket t = open.get(i);
            s.append(i == 0 ? "" : "; ").append('#').append(t.id()).append(' ')
                    .append(t.subject() == null ? "(no subject)" : "\"" + t.subject() + "\"").append(", ").append(t.status().label().toLowerCase(Locale.ROOT));
        }
        return outbound(s.append('.').toString());
    }

    @Tool("Opens a support ticket for the asking user so that a person from the support team follows up.")
    String openTicket(@P("what the ticket is about, in a short sentence") String subject) {
        used.add("open_ticket");
        ticketRequested = subject == null || subject.isBlank() ? "Support request" : subject.strip();
        return "A ticket is opened and the support team will answer here.";
    }

    /** Masks personal data when the result goes to an external model. */
    private String outbound(String text) {
        return masker == null ? text : masker.mask(text);
    }

    /** The real value behind a placeholder the model passed as an argument. */
    private String inbound(String argument) {
        return masker == null || argument == null ? argument : masker.unmask(argument);
    }

    static Optional<String> plate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PLATE.matcher(text);
        return m.find() ? Optional.of((m.group(1) + m.group(2) + " " + m.group(3)).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    static Optional<Long> tripNumber(String text) {
        Matcher m = TRIP_NUMBER.matcher(text);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
