package com.fleetdesk.telematics;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parsers for what real trackers send, unchanged:
 * <ul>
 * <li>OsmAnd (Traccar Client, OsmAnd, GPSLogger...): query or form parameters {@code id|deviceid, timestamp
 * (unix s, ms or ISO-8601), lat, lon | location=lat,lon, speed (knots), bearing|heading, altitude, accuracy,
 * hdop, batt, charge, driverUniqueId}; anything else is kept as an attribute;</li>
 * <li>Traccar Client's JSON body: {@code device_id, location.timestamp, location.coords.{latitude, longitude,
 * speed (m/s), heading, altitude, accuracy}, location.battery.level, location.odometer};</li>
 * <li>OwnTracks location messages: {@code _type=location, lat, lon, tst, vel (km/h), cog, alt, acc, batt, tid};</li>
 * <li>Fleetdesk's own telemetry JSON (see the README), with the full record.</li>
 * </ul>
 */
final class TrackerProtocols {

    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(10);
    /** Attribute carrying the engine-hour meter reading of Fleetdesk telemetry. */
    static final String ENGINE_HOURS = "engineHours";
    /** Earlier fixes come from trackers whose clock was never set. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final double KNOTS_TO_KMH = 1.852;
    private static final double MS_TO_KMH = 3.6;
    private static final Set<String> OSMAND_KNOWN = Set.of("id", "deviceid", "timestamp", "lat", "lon", "location", "speed",
            "bearing", "heading", "altitude", "accuracy", "hdop", "batt", "charge", "driveruniqueid");
    private static final int MAX_ATTRIBUTES = 32;

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private TrackerProtocols() {
    }

    /** Reads a JSON object from an HTTP body or MQTT payload, refusing anything else with a reason. */
    static JsonNode jsonObject(byte[] bytes) {
        if (bytes.length == 0) {
            throw IngestRejected.malformed("empty message; expected a JSON object");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw IngestRejected.malformed("message must be a JSON object");
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw IngestRejected.malformed("message is not valid JSON");
        }
    }

    /** OsmAnd parameters, their names in lower case. */
    static PositionReport osmAnd(Map<String, String> p, Instant now) {
        String device = first(p, "id", "deviceid");
        Double lat = number(p.get("lat"), "lat");
        Double lon = number(p.get("lon"), "lon");
        if ((lat == null || lon == null) && p.get("location") != null) {
            String[] parts = p.get("location").split(",");
            if (parts.length != 2) {
                throw IngestRejected.malformed("location must be \"lat,lon\"");
            }
            lat = number(parts[0].strip(), "location latitude");
            lon = number(parts[1].strip(), "location longitude");
        }
        Double speedKnots = number(p.get("speed"), "speed");
        Map<String, String> attributes = new HashMap<>(4);
        p.forEach((k, v) -> {
            if (!OSMAND_KNOWN.contains(k) && attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(k, v.length() > 200 ? v.substring(0, 200) : v);
            }
        });
        if (p.get("hdop") != null) {
            attributes.put("hdop", String.valueOf(number(p.get("hdop"), "hdop")));
        }
        if (p.get("charge") != null) {
            attributes.put("charge", String.valueOf(Boolean.parseBoolean(p.get("charge"))));
        }
        return validated(device, timestamp(p.get("timestamp"), now), lat, lon,
                speedKnots == null ? null : speedKnots * KNOTS_TO_KMH,
                number(first(p, "bearing", "heading"), "bearing"), number(p.get("altitude"), "altitude"),
                number(p.get("accuracy"), "accuracy"), null, null, null, null, null, number(p.get("batt"), "batt"),
                null, null, null, p.get("driveruniqueid"), attributes, now);
    }

    static PositionReport traccarJson(JsonNode root, Instant now) {
        JsonNode location = root.path("location");
        if (!location.isObject()) {
            throw IngestRejected.malformed("JSON body needs a \"location\" object");
        }
        JsonNode coords = location.path("coords");
        Double speedMs = jsonNumber(coords, "speed");
        JsonNode battery = location.path("battery");
        Double level = jsonNumber(battery, "level");
        Map<String, String> attributes = new HashMap<>();
        if (location.has("is_moving")) attributes.put("moving", location.path("is_moving").asString());
        if (location.has("event")) attributes.put("event", location.path("event").asString());
        if (battery.has("is_charging")) attributes.put("charge", battery.path("is_charging").asString());
        JsonNode odometer = location.path("odometer");
        return validated(jsonText(root, "device_id"), timestamp(jsonText(location, "timestamp"), now),
                jsonNumber(coords, "latitude"), jsonNumber(coords, "longitude"),
                speedMs == null || speedMs < 0 ? null : speedMs * MS_TO_KMH, positive(jsonNumber(coords, "heading")),
                jsonNumber(coords, "altitude"), jsonNumber(coords, "accuracy"),
                odometer.isNumber() ? odometer.asDouble() / 1000.0 : null, null, null, null, null,
                level == null ? null : (level <= 1 ? level * 100 : level), null, null, null, null, attributes, now);
    }

    /** OwnTracks; returns null for message types other than location (answered but not stored). */
    static PositionReport ownTracks(JsonNode root, String deviceId, Instant now) {
        if (!"location".equals(root.path("_type").asString(""))) {
            return null;
        }
        Map<String, String> attributes = new HashMap<>();
        if (root.has("tid")) attributes.put("tid", root.path("tid").asString());
        if (root.has("conn")) attributes.put("conn", root.path("conn").asString());
        Double tst = jsonNumber(root, "tst");
        return validated(deviceId, tst == null ? now : Instant.ofEpochSecond(tst.longValue()),
                jsonNumber(root, "lat"), jsonNumber(root, "lon"), jsonNumber(root, "vel"), positive(jsonNumber(root, "cog")),
                jsonNumber(root, "alt"), jsonNumber(root, "acc"), null, null, null, null, null, jsonNumber(root, "batt"),
                null, null, null, null, attributes, now);
    }

    /** Fleetdesk telemetry JSON: the full record, in Fleetdesk units. */
    static PositionReport fleetdeskJson(JsonNode root, Instant now) {
        Map<String, String> attributes = new HashMap<>();
        JsonNode extra = root.path("attributes");
        if (extra.isObject()) {
            for (var entry : extra.properties()) {
                if (attributes.size() < MAX_ATTRIBUTES) {
                    attributes.put(entry.getKey(), entry.getValue().asString(""));
                }
            }
        }
        Double engineHours = jsonNumber(root, "engineHours");
        if (engineHours != null) {
            if (engineHours < 0) {
                throw IngestRejected.malformed("engineHours must not be negative");
            }
            attributes.put(ENGINE_HOURS, String.valueOf(engineHours)); // the vehicle's engine-hour meter follows it
        }
        Double rpm = jsonNumber(root, "rpm");
        return validated(jsonText(root, "deviceId"), timestamp(jsonText(root, "time"), now),
                jsonNumber(root, "lat"), jsonNumber(root, "lon"), jsonNumber(root, "speedKmh"), positive(jsonNumber(root, "heading")),
                jsonNumber(root, "altitude"), jsonNumber(root, "accuracy"), jsonNumber(root, "odometerKm"),
                jsonNumber(root, "fuelPct"), jsonNumber(root, "engineTempC"), rpm == null ? null : rpm.intValue(),
                jsonNumber(root, "batteryV"), null, jsonBoolean(root, "ignition"), jsonBoolean(root, "harshBrake"),
                jsonBoolean(root, "harshAccel"), jsonText(root, "driverId"), attributes, now);
    }

    private static PositionReport validated(String device, Instant fixTime, Double lat, Double lon, Double speedKmh,
                                            Double heading, Double altitude, Double accuracy, Double odometerKm,
                                            Double fuelPct, Double engineTemp, Integer rpm, Double batteryV, Double batteryPct,
                                            Boolean ignition, Boolean harshBrake, Boolean harshAccel, String driverRef,
                                            Map<String, String> attributes, Instant now) {
        if (device == null || device.isBlank()) {
            throw IngestRejected.malformed("missing device id (id or deviceid)");
        }
        if (!isDeviceId(device)) {
            throw IngestRejected.malformed("device id must be 1-64 letters, digits or . _ : -");
        }
        if (lat == null || lon == null) {
            throw IngestRejected.malformed("missing lat/lon");
        }
        if (lat < -90 || lat > 90) {
            throw IngestRejected.malformed("lat " + lat + " is outside -90..90");
        }
        if (lon < -180 || lon > 180) {
            throw IngestRejected.malformed("lon " + lon + " is outside -180..180");
        }
        if (fixTime.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            throw IngestRejected.malformed("timestamp " + fixTime + " is in the future (device clock wrong?)");
        }
        if (fixTime.isBefore(EARLIEST)) {
            throw IngestRejected.malformed("timestamp " + fixTime + " is before 2000 (device clock not set?)");
        }
        if (speedKmh != null && (speedKmh < 0 || speedKmh > 1000)) {
            throw IngestRejected.malformed("speed out of range");
        }
        if (fuelPct != null && (fuelPct < 0 || fuelPct > 100)) {
            throw IngestRejected.malformed("fuelPct must be 0..100");
        }
        if (batteryPct != null && (batteryPct < 0 || batteryPct > 100)) {
            throw IngestRejected.malformed("battery level must be 0..100");
        }
        if (odometerKm != null && odometerKm < 0) {
            throw IngestRejected.malformed("odometer must not be negative");
        }
        String driver = driverRef == null || driverRef.isBlank() ? null : driverRef.length() > 64 ? driverRef.substring(0, 64) : driverRef;
        return new PositionReport(device, fixTime.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), lat, lon, speedKmh, heading == null ? null : heading % 360, altitude, accuracy,
                odometerKm, fuelPct, engineTemp, rpm, batteryV, batteryPct, ignition, harshBrake, harshAccel, driver,
                attributes);
    }

    /** 1-64 of {@code A-Za-z0-9_.:-}, checked without a regular expression (which took a tenth of the OsmAnd parser's time). */
    static boolean isDeviceId(String device) {
        int n = device.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = device.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static Instant timestamp(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return now;
        }
        String v = value.strip();
        if (allDigits(v)) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw IngestRejected.malformed("timestamp is not a number");
            }
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw IngestRejected.malformed("timestamp must be unix seconds, milliseconds or ISO-8601");
                }
            }
        }
    }

    private static String first(Map<String, String> p, String a, String b) {
        String v = p.get(a);
        return v == null || v.isBlank() ? p.get(b) : v;
    }

    private static Double number(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (!Double.isFinite(d)) {
                throw IngestRejected.malformed(name + " is not a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw IngestRejected.malformed(name + " is not a number: " + (value.length() > 20 ? value.substring(0, 20) + "..." : value));
        }
    }

    private static Double positive(Double v) {
        return v == null || v < 0 ? null : v;
    }

    private static Double jsonNumber(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw IngestRejected.malformed(field + " must be a number");
        }
        double d = value.asDouble();
        if (!Double.isFinite(d)) {
            throw IngestRejected.malformed(field + " is not a finite number");
        }
        return d;
    }

    private static Boolean jsonBoolean(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw IngestRejected.malformed(field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String jsonText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw IngestRejected.malformed(field + " must be a string");
        }
        return value.asString();
    }
}
