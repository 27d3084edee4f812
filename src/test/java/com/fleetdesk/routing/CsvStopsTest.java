package com.fleetdesk.routing;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class CsvStopsTest {

    @Test
    void readsRowsWithQuotesOptionalColumnsAndDefaults() {
        var parsed = CsvStops.parse("label,address,latitude,longitude,demand_kg,window_start,window_end,service_minutes,priority,notes\r\n"
                + "\"Bakery, Ltd\",\"1 Deansgate, Manchester\",53.48,-2.24,120,09:00,11:30,15,high,\"Ring \"\"twice\"\"\"\r\n"
                + "Pharmacy,,53.50,-2.20,40,,,,,\r\n");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        StopInput bakery = parsed.rows().getFirst().input();
        assertThat(bakery.label()).isEqualTo("Bakery, Ltd");
        assertThat(bakery.address()).isEqualTo("1 Deansgate, Manchester");
        assertThat(bakery.windowStart()).isEqualTo(LocalTime.of(9, 0));
        assertThat(bakery.windowEnd()).isEqualTo(LocalTime.of(11, 30));
        assertThat(bakery.priority()).isEqualTo(StopPriority.HIGH);
        assertThat(bakery.notes()).isEqualTo("Ring \"twice\"");
        StopInput pharmacy = parsed.rows().get(1).input();
        assertThat(pharmacy.serviceMinutes()).isEqualTo(10);
        assertThat(pharmacy.priority()).isEqualTo(StopPriority.NORMAL);
        assertThat(pharmacy.windowStart()).isNull();
    }

    @Test
    void eachBadRowIsReportedWithItsLineAndEveryReason() {
        var parsed = CsvStops.parse("""
                label,latitude,longitude,demand_kg,window_start,priority
                Good,53.4,-2.2,10,,
                ,abc,-2.2,10,,
                Far north,95,-2.2,10,,
                Heavy,53.4,-2.2,ten,25:00,SOON
                Too,many,fields,1,2,3,4
                """);
        assertThat(parsed.rows()).extracting(CsvStops.Row::line).containsExactly(2);
        assertThat(parsed.errors()).hasSize(4);
        assertThat(parsed.errors().get(0)).startsWith("Line 3:").contains("label is empty").contains("latitude 'abc' is not a number");
        assertThat(parsed.errors().get(1)).startsWith("Line 4 (Far north):").contains("latitude 95.0 is not between -90 and 90");
        assertThat(parsed.errors().get(2)).startsWith("Line 5 (Heavy):").contains("demand_kg 'ten'")
                .contains("window_start '25:00'").contains("priority 'SOON'");
        assertThat(parsed.errors().get(3)).startsWith("Line 6:").contains("7 fields but the header has 6");
    }

    @Test
    void aMissingHeaderColumnOrEmptyFileIsExplained() {
        assertThat(CsvStops.parse("name,lat,lon\nA,1,2").errors().getFirst())
                .contains("lacks the column(s) label, latitude, longitude, demand_kg");
        assertThat(CsvStops.parse("  ").errors().getFirst()).contains("The file is empty");
    }
}
