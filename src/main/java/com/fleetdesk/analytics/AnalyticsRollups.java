package com.fleetdesk.analytics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The daily rollups the dashboards read ({@code trip_day}, {@code stock_issue_day}, changeset
 * 0014) are kept by database triggers with days in the zone recorded next to them. Their days
 * must be the dashboards' days, so at startup, before anything is served, a different
 * {@code fleetdesk.zone} makes them be rebuilt from the trips and the ledger in that zone.
 */
@Component
class AnalyticsRollups {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRollups.class);

    AnalyticsRollups(JdbcClient jdbc, @Value("${fleetdesk.zone:Europe/London}") String zone) {
        String recorded = jdbc.sql("select zone from analytics_rollup_zone").query(String.class).single();
        if (!recorded.equals(zone)) {
            long started = System.nanoTime();
            // One statement, so one transaction: the rollups are never seen half rebuilt.
            jdbc.sql("select analytics_rollups_rebuild(:zone)").param("zone", zone).query().singleRow();
            log.info("Analytics rollups rebuilt for zone {} (they were in {}) in {} ms", zone, recorded,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
