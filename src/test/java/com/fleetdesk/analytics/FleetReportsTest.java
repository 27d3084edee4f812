package com.fleetdesk.analytics;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static com.fleetdesk.analytics.AnalyticsFixture.MONTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class FleetReportsTest {

    @Autowired
    AnalyticsFixture fixture;
    @Autowired
    FleetReports reports;
    @Autowired
    SignedIn signedIn;

    @BeforeEach
    void load() {
        fixture.load();
    }

    @Test
    void pdfReportHasTheDepotTheFiguresAndTheVehicles() throws Exception {
        FleetReports.ReportFile file = signedIn.as("admin", () -> reports.generateNow(fixture.depotId, MONTH, FleetReports.Format.PDF));
        assertThat(new String(file.content(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(file.fileName()).isEqualTo("fleet-report-analytics-test-depot-" + MONTH + ".pdf");
        assertThat(file.mimeType()).isEqualTo("application/pdf");
        PdfReader reader = new PdfReader(file.content());
        try {
            assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            PdfTextExtractor text = new PdfTextExtractor(reader);
            String first = text.getTextFromPage(1);
            assertThat(first).contains("Monthly fleet report - Analytics Test Depot");
            assertThat(first).contains("Distance per vehicle (km)").contains("AN71 TST");
            assertThat(first).contains("160.0 km").contains("GBP 50.00");
            assertThat(first).contains("Alerts by type").contains("Harsh braking");
            String second = text.getTextFromPage(2);
            assertThat(second).contains("Vehicles").contains("Driver safety").contains("Ada Analytic").contains("2.00");
        } finally {
            reader.close();
        }
    }

    @Test
    void excelReportRunsInTheBackgroundWithProgress() throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        FleetReports.ReportFile file = signedIn.as("admin", () -> reports.generate(fixture.depotId, MONTH, FleetReports.Format.EXCEL,
                progress::add)).get(60, TimeUnit.SECONDS);
        assertThat(progress).isSorted().contains(1.0);
        assertThat(progress.size()).isGreaterThan(3);
        assertThat(file.fileName()).endsWith(".xlsx");
        Map<String, String> entries = new HashMap<>();
        // Read through the central directory, as spreadsheet programs do (entries carry data descriptors).
        var xlsx = java.nio.file.Files.createTempFile("fleet-report", ".xlsx");
        try {
            java.nio.file.Files.write(xlsx, file.content());
            try (ZipFile zip = new ZipFile(xlsx.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    entries.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(xlsx);
        }
        assertThat(entries).containsKeys("xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml");
        assertThat(entries.get("xl/workbook.xml")).contains("Summary").contains("Vehicles").contains("Driver safety").contains("Alerts");
        String strings = entries.get("xl/sharedStrings.xml");
        assertThat(strings).contains("Analytics Test Depot").contains("AN71 TST").contains("Ada Analytic").contains("Harsh braking");
    }

    @Test
    void reportsAreLimitedToTheUsersDepotsAndCheckTheirInput() {
        signedIn.run("manager", () -> assertThatThrownBy(() -> reports.generateNow(fixture.depotId, MONTH, FleetReports.Format.PDF))
                .isInstanceOf(AccessDeniedException.class));
        signedIn.run("dispatcher", () -> assertThatThrownBy(() -> reports.generateNow(fixture.depotId, MONTH, FleetReports.Format.PDF))
                .isInstanceOf(AccessDeniedException.class));
        signedIn.run("admin", () -> {
            assertThatThrownBy(() -> reports.generate(null, MONTH, FleetReports.Format.PDF, p -> { }))
                    .isInstanceOf(InvalidInputException.class).hasMessage("Choose the depot to report on");
            assertThatThrownBy(() -> reports.generate(fixture.depotId, YearMonth.now().plusMonths(2), FleetReports.Format.PDF, p -> { }))
                    .isInstanceOf(InvalidInputException.class).hasMessage("Choose this month or an earlier one")
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).contains("month"));
            assertThatThrownBy(() -> reports.generate(fixture.depotId, MONTH.minusYears(3), FleetReports.Format.PDF, p -> { }))
                    .isInstanceOf(InvalidInputException.class).hasMessage("Reports cover the last 24 months");
        });
    }
}
