package com.fleetdesk.trips;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the trips matching a filter as CSV or Excel while reading them from a database cursor:
 * rows go out as they arrive, so memory use does not grow with the number of trips.
 */
@Component
public class TripExport {

    public enum Format {
        CSV("csv", "text/csv"), EXCEL("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        public final String extension;
        public final String mimeType;

        Format(String extension, String mimeType) {
            this.extension = extension;
            this.mimeType = mimeType;
        }
    }

    private static final String[] HEADERS = {"Trip", "Started", "Ended", "Vehicle", "Driver", "Depot", "Purpose", "Category",
            "From", "To", "Distance (km)", "CO2 (kg)", "Total cost", "Currency", "Status", "Policy"};

    private final TripLogService trips;
    private final ZoneId zone;

    TripExport(TripLogService trips, @org.springframework.beans.factory.annotation.Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.trips = trips;
        this.zone = ZoneId.of(zone);
    }

    /** Streams the filtered trips to {@code out} and returns how many were written. */
    public long write(TripFilter filter, List<TripSort> sort, Format format, OutputStream out) throws IOException {
        return format == Format.CSV ? writeCsv(filter, sort, out) : writeExcel(filter, sort, out);
    }

    private long writeCsv(TripFilter filter, List<TripSort> sort, OutputStream out) throws IOException {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\ufeff'); // lets spreadsheet programs detect UTF-8
        writer.write(String.join(",", HEADERS));
        writer.write("\r\n");
        long[] count = {0};
        try {
            trips.forEach(filter, sort, row -> {
                try {
                    writer.write(String.join(",", row.id() + "", time.format(row.startedAt()), time.format(row.endedAt()),
                            csv(row.vehicleRegistration()), csv(row.driverName()), csv(row.depotName()), csv(row.purpose()),
                            row.category().label(), csv(row.startPlace()), csv(row.endPlace()), row.distanceKm().toPlainString(),
                            row.co2Kg().toPlainString(), row.totalCost().toPlainString(), row.currency(), row.status().label(),
                            csv(row.policyViolations() == null ? "" : row.policyViolations())));
                    writer.write("\r\n");
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return count[0];
    }

    /** Quotes a value when needed and neutralises spreadsheet formulas (CSV injection). */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private long writeExcel(TripFilter filter, List<TripSort> sort, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Fleetdesk", "1.0");
        Worksheet sheet = workbook.newWorksheet("Trips");
        for (int c = 0; c < HEADERS.length; c++) {
            sheet.value(0, c, HEADERS[c]);
            sheet.style(0, c).bold().set();
        }
        long[] row = {0};
        trips.forEach(filter, sort, trip -> {
            int r = (int) ++row[0];
            sheet.value(r, 0, trip.id());
            sheet.value(r, 1, trip.startedAt().atZone(zone).toLocalDateTime());
            sheet.style(r, 1).format("yyyy-mm-dd hh:mm").set();
            sheet.value(r, 2, trip.endedAt().atZone(zone).toLocalDateTime());
            sheet.style(r, 2).format("yyyy-mm-dd hh:mm").set();
            sheet.value(r, 3, trip.vehicleRegistration());
            sheet.value(r, 4, trip.driverName());
            sheet.value(r, 5, trip.depotName());
            sheet.value(r, 6, trip.purpose());
            sheet.value(r, 7, trip.category().label());
            sheet.value(r, 8, trip.startPlace());
            sheet.value(r, 9, trip.endPlace());
            sheet.value(r, 10, trip.distanceKm());
            sheet.value(r, 11, trip.co2Kg());
            sheet.value(r, 12, trip.totalCost());
            sheet.value(r, 13, trip.currency());
            sheet.value(r, 14, trip.status().label());
            sheet.value(r, 15, trip.policyViolations() == null ? "" : trip.policyViolations());
            if (r % 1000 == 0) {
                try {
                    sheet.flush(); // hands finished rows to the output stream
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        sheet.finish();
        workbook.finish();
        return row[0];
    }
}
