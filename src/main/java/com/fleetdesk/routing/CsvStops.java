package com.fleetdesk.routing;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads stops from CSV text with a header row. Required columns: label, latitude, longitude,
 * demand_kg; optional: address, window_start, window_end (HH:mm), service_minutes (default 10),
 * priority (LOW, NORMAL, HIGH, URGENT; default NORMAL), notes. Quoted fields may hold commas.
 * Each bad row is reported with its line number and reason; good rows are returned.
 */
final class CsvStops {

    static final String HEADER = "label,address,latitude,longitude,demand_kg,window_start,window_end,service_minutes,priority,notes";
    static final int MAX_ROWS = 2000;

    record Row(int line, StopInput input) {
    }

    record Parsed(List<Row> rows, List<String> errors) {
    }

    private CsvStops() {
    }

    static Parsed parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add("The file is empty: the first line must name the columns, e.g. " + HEADER);
            return new Parsed(rows, errors);
        }
        String[] lines = text.replace("\uFEFF", "").split("\\r?\\n|\\r");
        List<String> header = fields(lines[0]).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> col = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        List<String> missing = List.of("label", "latitude", "longitude", "demand_kg").stream().filter(c -> !col.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            errors.add("Line 1: the header lacks the column(s) " + String.join(", ", missing) + "; expected e.g. " + HEADER);
            return new Parsed(rows, errors);
        }
        int dataRows = 0;
        for (int i = 1; i < lines.length; i++) {
            int lineNo = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            if (++dataRows > MAX_ROWS) {
                errors.add("Line " + lineNo + " and after: at most " + MAX_ROWS + " stops per import");
                break;
            }
            List<String> f = fields(lines[i]);
            if (f.size() > header.size()) {
                errors.add("Line " + lineNo + ": " + f.size() + " fields but the header has " + header.size() + " (quote fields that contain commas)");
                continue;
            }
            List<String> problems = new ArrayList<>();
            String label = get(f, col, "label");
            if (label.isBlank()) {
                problems.add("label is empty");
            }
            double lat = number(get(f, col, "latitude"), "latitude", problems, v -> {
                if (v < -90 || v > 90) problems.add("latitude " + v + " is not between -90 and 90");
            });
            double lon = number(get(f, col, "longitude"), "longitude", problems, v -> {
                if (v < -180 || v > 180) problems.add("longitude " + v + " is not between -180 and 180");
            });
            int demand = whole(get(f, col, "demand_kg"), "demand_kg", problems, 0);
            LocalTime from = clock(get(f, col, "window_start"), "window_start", problems);
            LocalTime to = clock(get(f, col, "window_end"), "window_end", problems);
            int service = whole(get(f, col, "service_minutes"), "service_minutes", problems, 10);
            StopPriority priority = StopPriority.NORMAL;
            String p = get(f, col, "priority");
            if (!p.isBlank()) {
                try {
                    priority = StopPriority.valueOf(p.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add("priority '" + p + "' is not one of LOW, NORMAL, HIGH, URGENT");
                }
            }
            if (!problems.isEmpty()) {
                errors.add("Line " + lineNo + (label.isBlank() ? "" : " (" + label + ")") + ": " + String.join("; ", problems));
                continue;
            }
            rows.add(new Row(lineNo, new StopInput(label, get(f, col, "address"), lat, lon, demand, from, to, service, priority,
                    get(f, col, "notes"))));
        }
        return new Parsed(rows, errors);
    }

    private static String get(List<String> fields, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= fields.size() ? "" : fields.get(i).strip();
    }

    private static double number(String text, String name, List<String> problems, Consumer<Double> check) {
        if (text.isBlank()) {
            problems.add(name + " is empty");
            return 0;
        }
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                problems.add(name + " '" + text + "' is not a number");
                return 0;
            }
            check.accept(v);
            return v;
        } catch (NumberFormatException e) {
            problems.add(name + " '" + text + "' is not a number");
            return 0;
        }
    }

    private static int whole(String text, String name, List<String> problems, int fallback) {
        if (text.isBlank()) {
            if (fallback == 0 && name.equals("demand_kg")) {
                problems.add(name + " is empty");
            }
            return fallback;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < 0) {
                problems.add(name + " " + v + " is negative");
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(name + " '" + text + "' is not a whole number");
            return fallback;
        }
    }

    private static LocalTime clock(String text, String name, List<String> problems) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            problems.add(name + " '" + text + "' is not a time like 09:30");
            return null;
        }
    }

    /** Splits one CSV line; double quotes enclose fields, "" inside quotes is a quote. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
