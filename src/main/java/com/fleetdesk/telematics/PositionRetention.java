package com.fleetdesk.telematics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Keeps a week of daily position partitions prepared ahead and drops partitions older than the
 * retention ({@code fleetdesk.telematics.retention-days}); dropping a partition is instant, unlike
 * deleting millions of rows.
 */
@Component
class PositionRetention {

    private static final Logger log = LoggerFactory.getLogger(PositionRetention.class);

    private final JdbcClient jdbc;
    private final int retentionDays;

    PositionRetention(JdbcClient jdbc, @Value("${fleetdesk.telematics.retention-days:400}") int retentionDays) {
        this.jdbc = jdbc;
        this.retentionDays = retentionDays;
    }

    @Scheduled(initialDelay = 5_000, fixedDelayString = "${fleetdesk.telematics.partition-check-ms:3600000}")
    void maintain() {
        try {
            int created = jdbc.sql("select fleetdesk_prepare_position_partitions(0, 7)").query(Integer.class).single();
            int dropped = dropExpired(LocalDate.now().minusDays(retentionDays));
            if (created + dropped > 0) {
                log.info("Position partitions: {} created ahead, {} dropped past the {}-day retention", created, dropped, retentionDays);
            }
        } catch (RuntimeException e) {
            log.warn("Position partition maintenance failed: {}", e.getMessage());
        }
    }

    /** Drops daily partitions that end on or before {@code cutoff}; returns how many. */
    int dropExpired(LocalDate cutoff) {
        List<String> expired = jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                         where p.relname = 'vehicle_position' and c.relname ~ '^vehicle_position_[0-9]{8}$'
                           and to_date(substring(c.relname from 18), 'YYYYMMDD') < ?
                        """).param(cutoff).query(String.class).list();
        for (String partition : expired) {
            jdbc.sql("drop table " + partition).update();
        }
        return expired.size();
    }
}
