package com.fleetdesk.trips;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class TripExportTest {

    @Autowired
    TripExport export;
    @Autowired
    TripLogService trips;
    @Autowired
    SignedIn signedIn;

    @Test
    void csvHoldsExactlyTheFilteredTripsInGridOrder() throws Exception {
        TripFilter approved = TripFilter.none().withStatuses(Set.of(TripStatus.APPROVED));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = signedIn.as("manager", () -> {
            try {
                return export.write(approved, List.of(TripSort.newestFirst()), TripExport.Format.CSV, out);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        long expected = signedIn.as("manager", () -> trips.count(approved));
        assertThat(written).isEqualTo(expected).isPositive();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).startsWith("\ufeffTrip,Started,Ended,Vehicle");
        assertThat(lines).hasSize((int) expected + 1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).contains(",Approved,"));
        var firstPage = signedIn.as("manager", () -> trips.page(approved, List.of(TripSort.newestFirst()), 0, 1));
        assertThat(lines.get(1)).startsWith(firstPage.getFirst().id() + ",");
    }

    @Test
    void excelIsAWorkbookWithOneRowPerTrip() throws Exception {
        TripFilter rejected = TripFilter.none().withStatuses(Set.of(TripStatus.REJECTED));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = signedIn.as("admin", () -> {
            try {
                return export.write(rejected, List.of(TripSort.newestFirst()), TripExport.Format.EXCEL, out);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(written).isEqualTo(signedIn.as("admin", () -> trips.count(rejected)));
        var file = java.nio.file.Files.createTempFile("trips", ".xlsx");
        java.nio.file.Files.write(file, out.toByteArray());
        String sheet;
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            var entry = zip.getEntry("xl/worksheets/sheet1.xml");
            sheet = entry == null ? null : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertThat(sheet).isNotNull();
        assertThat(sheet.split("<row ", -1)).hasSize((int) written + 2); // header row + one per trip
    }

    @Test
    void formulasInTextAreNeutralisedAndExportNeedsARole() {
        assertThat(TripExport.csv("=HYPERLINK(\"http://evil\")")).startsWith("\"'=HYPERLINK");
        assertThat(TripExport.csv("Leeds, depot")).isEqualTo("\"Leeds, depot\"");
        signedIn.run("warehouse", () -> assertThatThrownBy(() -> export.write(TripFilter.none(), List.of(), TripExport.Format.CSV,
                new ByteArrayOutputStream())).isInstanceOf(AccessDeniedException.class));
    }
}
