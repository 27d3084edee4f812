package com.fleetdesk.analytics;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.math.RoundingMode;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link MonthlyFleetReport} as PDF (tables plus vector bar charts, each bar labelled
 * with its value so nothing is told by colour alone) or as an Excel workbook.
 */
@Component
class FleetReportWriter {

    private static final Color BAR = new Color(0x1a, 0x5f, 0xb4);
    private static final Color AXIS = new Color(0x44, 0x44, 0x44);

    String title(MonthlyFleetReport r) {
        return "Monthly fleet report - " + r.depotName() + " - " + r.month().getMonth().getDisplayName(TextStyle.FULL, Locale.UK)
                + " " + r.month().getYear();
    }

    // ---- PDF -----------------------------------------------------------------------------------

    void writePdf(MonthlyFleetReport r, OutputStream out) throws IOException {
        Document doc = new Document(PageSize.A4, 36, 36, 40, 40);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle(title(r));
            doc.addAuthor("Fleetdesk");
            doc.open();
            Font h1 = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
            Font h2 = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 9);
            doc.add(new Paragraph(title(r), h1));
            doc.add(new Paragraph("Depot: " + r.depotName() + ". Amounts in " + r.currency()
                    + "; costs exclude rejected trips. Fuel economy is fuel spend per 100 km (fuel is recorded as receipts).", body));
            doc.add(Chunk.NEWLINE);

            doc.add(new Paragraph("Key figures", h2));
            PdfPTable kpis = table(new float[]{3, 2}, body, "Figure", "Value");
            row(kpis, body, "Trips", Long.toString(r.trips()));
            row(kpis, body, "Distance", km(r.distanceKm()));
            row(kpis, body, "Utilisation (vehicle days used / vehicle days)", pct(r.utilisationPercent()));
            row(kpis, body, "Cost", money(r));
            row(kpis, body, "Cost per km", r.distanceKm() <= 0 ? "-" : r.currency() + " "
                    + r.cost().divide(java.math.BigDecimal.valueOf(r.distanceKm()), 3, RoundingMode.HALF_UP).toPlainString());
            row(kpis, body, "Fuel spend per 100 km", r.distanceKm() <= 0 ? "-" : r.currency() + " "
                    + r.fuelCost().multiply(java.math.BigDecimal.valueOf(100)).divide(java.math.BigDecimal.valueOf(r.distanceKm()), 2,
                    RoundingMode.HALF_UP).toPlainString());
            row(kpis, body, "CO2", String.format(Locale.UK, "%,.1f kg", r.co2Kg()));
            row(kpis, body, "Alerts", Long.toString(r.alertCount()));
            doc.add(kpis);
            doc.add(Chunk.NEWLINE);

            List<FleetAnalytics.VehicleCosts> byDistance = r.costs().stream()
                    .sorted(Comparator.comparingDouble(FleetAnalytics.VehicleCosts::distanceKm).reversed()).limit(15).toList();
            doc.add(new Paragraph("Distance per vehicle (km), top " + byDistance.size(), h2));
            doc.add(barChart(writer, byDistance.stream().map(FleetAnalytics.VehicleCosts::registration).toList(),
                    byDistance.stream().map(FleetAnalytics.VehicleCosts::distanceKm).toList(), "%,.0f"));

            List<String> alertLabels = new ArrayList<>();
            List<Double> alertCounts = new ArrayList<>();
            r.alerts().stream().collect(java.util.stream.Collectors.groupingBy(a -> a.kind().label(), java.util.TreeMap::new,
                            java.util.stream.Collectors.summingLong(FleetAnalytics.AlertCount::count)))
                    .forEach((kind, count) -> {
                        alertLabels.add(kind);
                        alertCounts.add(count.doubleValue());
                    });
            doc.add(new Paragraph("Alerts by type", h2));
            if (alertLabels.isEmpty()) {
                doc.add(new Paragraph("No alerts were raised this month.", body));
            } else {
                doc.add(barChart(writer, alertLabels, alertCounts, "%,.0f"));
            }

            doc.newPage();
            doc.add(new Paragraph("Vehicles", h2));
            PdfPTable vehicles = table(new float[]{2, 1, 1.5f, 1.3f, 1.6f, 1.3f, 1.5f, 1.4f}, body,
                    "Vehicle", "Trips", "Distance", "Used days", "Cost", "Cost/km", "Fuel/100 km", "CO2 kg");
            var used = r.utilisation().stream().collect(java.util.stream.Collectors.toMap(FleetAnalytics.VehicleUtilisation::vehicleId, u -> u));
            for (FleetAnalytics.VehicleCosts v : r.costs()) {
                var u = used.get(v.vehicleId());
                row(vehicles, body, v.registration(), Long.toString(v.trips()), km(v.distanceKm()),
                        u == null ? "-" : u.activeDays() + " of " + u.days(), v.cost().toPlainString(),
                        v.costPerKm().toPlainString(), v.fuelCostPer100Km().toPlainString(), String.format(Locale.UK, "%,.1f", v.co2Kg()));
            }
            doc.add(vehicles);
            doc.add(Chunk.NEWLINE);
            doc.add(new Paragraph("Driver safety (harsh events and overspeed per 100 km, safest first)", h2));
            PdfPTable drivers = table(new float[]{3, 1.5f, 1.2f, 1.2f, 1.5f}, body, "Driver", "Distance", "Harsh", "Overspeed", "Per 100 km");
            for (FleetAnalytics.DriverSafety d : r.drivers()) {
                row(drivers, body, d.driverName(), km(d.distanceKm()), Long.toString(d.harshEvents()), Long.toString(d.overspeeds()),
                        String.format(Locale.UK, "%.2f", d.eventsPer100Km()));
            }
            doc.add(drivers);
        } catch (DocumentException e) {
            throw new IOException("Could not write the PDF report", e);
        } finally {
            if (doc.isOpen()) {
                doc.close();
            }
        }
    }

    /** A horizontal bar chart as vector graphics: one labelled bar per value, the value printed at its end. */
    private Image barChart(PdfWriter writer, List<String> labels, List<Double> values, String valueFormat) throws DocumentException {
        float rowHeight = 16;
        float labelWidth = 130;
        float width = 500;
        float height = rowHeight * labels.size() + 10;
        PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
        BaseFont font;
        try {
            font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new DocumentException(e);
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        float barSpace = width - labelWidth - 60;
        for (int i = 0; i < labels.size(); i++) {
            float y = height - (i + 1) * rowHeight;
            float w = max <= 0 ? 0 : (float) (values.get(i) / max * barSpace);
            t.setColorFill(BAR);
            t.rectangle(labelWidth, y + 3, Math.max(w, 0.5f), rowHeight - 6);
            t.fill();
            t.beginText();
            t.setFontAndSize(font, 8);
            t.setColorFill(Color.BLACK);
            t.showTextAligned(PdfContentByte.ALIGN_RIGHT, truncate(labels.get(i)), labelWidth - 4, y + 5, 0);
            t.showTextAligned(PdfContentByte.ALIGN_LEFT, String.format(Locale.UK, valueFormat, values.get(i)), labelWidth + w + 4, y + 5, 0);
            t.endText();
        }
        t.setColorStroke(AXIS);
        t.moveTo(labelWidth, 0);
        t.lineTo(labelWidth, height);
        t.stroke();
        Image image = Image.getInstance(t);
        image.setAlignment(Element.ALIGN_LEFT);
        return image;
    }

    private static String truncate(String s) {
        return s.length() > 28 ? s.substring(0, 27) + "..." : s;
    }

    private static PdfPTable table(float[] widths, Font font, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, font.getSize());
        for (String h : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(h, bold));
            cell.setBackgroundColor(new Color(0xe8, 0xec, 0xf2));
            table.addCell(cell);
        }
        return table;
    }

    private static void row(PdfPTable table, Font font, String... cells) {
        for (String c : cells) {
            table.addCell(new Phrase(c, font));
        }
    }

    private static String km(double km) {
        return String.format(Locale.UK, "%,.1f km", km);
    }

    private static String pct(double p) {
        return String.format(Locale.UK, "%.1f %%", p);
    }

    private static String money(MonthlyFleetReport r) {
        return r.currency() + " " + r.cost().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    // ---- Excel ---------------------------------------------------------------------------------

    void writeExcel(MonthlyFleetReport r, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Fleetdesk", "1.0");
        Worksheet summary = wb.newWorksheet("Summary");
        summary.value(0, 0, title(r));
        summary.style(0, 0).bold().set();
        String[][] kpis = {
                {"Depot", r.depotName()},
                {"Month", r.month().toString()},
                {"Currency", r.currency()},
        };
        int row = 2;
        for (String[] kv : kpis) {
            summary.value(row, 0, kv[0]);
            summary.value(row++, 1, kv[1]);
        }
        summary.value(row, 0, "Trips");
        summary.value(row++, 1, r.trips());
        summary.value(row, 0, "Distance (km)");
        summary.value(row++, 1, r.distanceKm());
        summary.value(row, 0, "Utilisation (%)");
        summary.value(row++, 1, Math.round(r.utilisationPercent() * 10) / 10.0);
        summary.value(row, 0, "Cost");
        summary.value(row++, 1, r.cost());
        summary.value(row, 0, "Fuel spend");
        summary.value(row++, 1, r.fuelCost());
        summary.value(row, 0, "CO2 (kg)");
        summary.value(row++, 1, r.co2Kg());
        summary.value(row, 0, "Alerts");
        summary.value(row, 1, r.alertCount());
        summary.width(0, 30);
        summary.width(1, 30);

        Worksheet vehicles = wb.newWorksheet("Vehicles");
        header(vehicles, "Vehicle", "Depot", "Trips", "Distance (km)", "Days used", "Days", "Utilisation (%)", "Cost", "Cost per km",
                "Fuel spend", "Fuel spend per 100 km", "CO2 (kg)");
        var used = r.utilisation().stream().collect(java.util.stream.Collectors.toMap(FleetAnalytics.VehicleUtilisation::vehicleId, u -> u));
        int i = 1;
        for (FleetAnalytics.VehicleCosts v : r.costs()) {
            var u = used.get(v.vehicleId());
            vehicles.value(i, 0, v.registration());
            vehicles.value(i, 1, v.depotName());
            vehicles.value(i, 2, v.trips());
            vehicles.value(i, 3, v.distanceKm());
            if (u != null) {
                vehicles.value(i, 4, u.activeDays());
                vehicles.value(i, 5, u.days());
                vehicles.value(i, 6, Math.round(u.percent() * 10) / 10.0);
            }
            vehicles.value(i, 7, v.cost());
            vehicles.value(i, 8, v.costPerKm());
            vehicles.value(i, 9, v.fuelCost());
            vehicles.value(i, 10, v.fuelCostPer100Km());
            vehicles.value(i, 11, v.co2Kg());
            i++;
        }

        Worksheet drivers = wb.newWorksheet("Driver safety");
        header(drivers, "Driver", "Distance (km)", "Harsh events", "Overspeed", "Events per 100 km");
        i = 1;
        for (FleetAnalytics.DriverSafety d : r.drivers()) {
            drivers.value(i, 0, d.driverName());
            drivers.value(i, 1, d.distanceKm());
            drivers.value(i, 2, d.harshEvents());
            drivers.value(i, 3, d.overspeeds());
            drivers.value(i, 4, Math.round(d.eventsPer100Km() * 100) / 100.0);
            i++;
        }

        Worksheet alerts = wb.newWorksheet("Alerts");
        header(alerts, "Type", "Severity", "Alerts");
        i = 1;
        for (FleetAnalytics.AlertCount a : r.alerts()) {
            alerts.value(i, 0, a.kind().label());
            alerts.value(i, 1, a.severity().label());
            alerts.value(i, 2, a.count());
            i++;
        }
        wb.finish();
    }

    private static void header(Worksheet sheet, String... headers) {
        for (int c = 0; c < headers.length; c++) {
            sheet.value(0, c, headers[c]);
            sheet.style(0, c).bold().set();
            sheet.width(c, Math.max(12, headers[c].length() + 2));
        }
    }
}
