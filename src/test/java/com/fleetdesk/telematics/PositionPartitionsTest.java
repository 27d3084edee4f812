package com.fleetdesk.telematics;

import com.fleetdesk.FleetdeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** Daily position partitions on the embedded PostgreSQL: made a week ahead, dropped past the retention. */
@FleetdeskTest
class PositionPartitionsTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Autowired
    PositionRetention retention;
    @Autowired
    JdbcClient jdbc;

    private boolean exists(String table) {
        return jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
    }

    private long rows(LocalDate day) {
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        return jdbc.sql("select count(*) from vehicle_position where fix_time >= ? and fix_time < ?")
                .param(from).param(from.plusDays(1)).query(Long.class).single();
    }

    private void position(String device, LocalDate day) {
        jdbc.sql("""
                insert into vehicle_position (device_id, fix_time, vehicle_id, received_at, latitude, longitude)
                select ?, ?, id, now(), 51.5, -0.1 from vehicle order by id limit 1
                """).param(device).param(day.atTime(12, 0).atOffset(ZoneOffset.UTC)).update();
    }

    @Test
    void aWeekOfPartitionsIsPreparedAheadAndTheyCompareDeviceIdsByteForByte() {
        retention.maintain();

        LocalDate today = LocalDate.now();
        for (int d = 0; d <= 7; d++) {
            assertThat(exists("vehicle_position_" + DAY.format(today.plusDays(d)))).as("partition %s days ahead", d).isTrue();
        }
        // A partition made later keeps the parent's "C" collation, which keeps the key insert cheap.
        String newest = "vehicle_position_" + DAY.format(today.plusDays(7));
        assertThat(jdbc.sql("select collation_name from information_schema.columns where table_name = ? and column_name = 'device_id'")
                .param(newest).query(String.class).single()).isEqualTo("C");
    }

    @Test
    void partitionsPastTheRetentionAreDroppedWithTheirPositionsAndNewerOnesStay() {
        LocalDate old = LocalDate.now().minusYears(3);
        String oldPartition = "vehicle_position_" + DAY.format(old);
        OffsetDateTime from = old.atStartOfDay().atOffset(ZoneOffset.UTC);
        jdbc.sql("create table " + oldPartition + " partition of vehicle_position for values from ('" + from + "') to ('" + from.plusDays(1) + "')")
                .update();
        position("RETENTION-OLD", old);
        LocalDate yesterday = LocalDate.now().minusDays(1);
        position("RETENTION-NEW", yesterday);
        assertThat(rows(old)).isEqualTo(1);

        int dropped = retention.dropExpired(LocalDate.now().minusYears(2));

        assertThat(dropped).isEqualTo(1);
        assertThat(exists(oldPartition)).isFalse();
        assertThat(rows(old)).isZero();
        assertThat(jdbc.sql("select count(*) from vehicle_position where device_id = 'RETENTION-NEW'").query(Long.class).single()).isEqualTo(1);
        assertThat(exists("vehicle_position_" + DAY.format(yesterday))).isTrue();
    }
}
