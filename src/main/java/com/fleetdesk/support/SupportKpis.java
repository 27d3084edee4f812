package com.fleetdesk.support;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.FleetAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Support KPIs for analytics, computed in one SQL statement over the conversations started
 * between {@code from} and {@code to} (inclusive, local dates), for one depot (the customer's
 * depot) or for every depot the caller may see.
 */
@Service
public class SupportKpis {

    private final NamedParameterJdbcTemplate jdbc;
    private final FleetAccess access;
    private final ZoneId zone;

    SupportKpis(NamedParameterJdbcTemplate jdbc, FleetAccess access, @Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.jdbc = jdbc;
        this.access = access;
        this.zone = ZoneId.of(zone);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.SUPPORT_AGENT, Authority.OFFICE_STAFF, Authority.DISPATCHER})
    @Transactional(readOnly = true)
    public SupportKpiSummary summary(LocalDate from, LocalDate to, Long depotId) {
        if (from == null || to == null) {
            throw new InvalidInputException("from", "Choose the first and the last day");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "The last day must not be before the first");
        }
        DepotScope scope = access.currentScope();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .addValue("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
        String where = "created_at >= :from and created_at < :to";
        if (depotId != null) {
            access.requireDepot(depotId, "see support figures");
            where += " and customer_depot_id = :depot";
            params.addValue("depot", depotId);
        } else if (!scope.allDepots()) {
            where += " and customer_depot_id in (:depots)";
            params.addValue("depots", scope.depotIds().isEmpty() ? List.of(-1L) : scope.depotIds());
        }
        return jdbc.queryForObject("""
                select count(*) as conversations,
                       count(*) filter (where resolved_by_bot and escalated_at is null) as bot_resolved,
                       count(*) filter (where resolved_at is not null) as resolved,
                       count(*) filter (where resolved_at is not null and transfers = 0 and not reopened) as first_contact,
                       extract(epoch from avg(resolved_at - taken_at) filter (where taken_at is not null and resolved_at is not null)) as handle_seconds,
                       avg(csat) as csat,
                       count(*) filter (where escalated_at is not null) as escalated
                  from support_conversation where\s""" + where, params, (rs, i) -> {
            long conversations = rs.getLong("conversations");
            long resolved = rs.getLong("resolved");
            double handle = rs.getDouble("handle_seconds");
            java.math.BigDecimal csat = rs.getBigDecimal("csat");
            return new SupportKpiSummary(conversations,
                    share(rs.getLong("bot_resolved"), conversations),
                    share(rs.getLong("first_contact"), resolved),
                    Duration.ofMillis(Math.round(handle * 1000)),
                    csat == null ? null : csat.doubleValue(),
                    share(rs.getLong("escalated"), conversations));
        });
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
