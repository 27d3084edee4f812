package com.fleetdesk.analytics;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.FleetAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Checks a dashboard filter and turns it into the depots the signed-in user may aggregate
 * over: an administrator all depots, a manager only the depots of their account.
 */
@Component
class DashboardScope {

    private final FleetAccess access;
    private final JdbcClient jdbc;
    private final ZoneId zone;

    DashboardScope(FleetAccess access, JdbcClient jdbc, @Value("${fleetdesk.zone:Europe/London}") String zone) {
        this.access = access;
        this.jdbc = jdbc;
        this.zone = ZoneId.of(zone);
    }

    ZoneId zone() {
        return zone;
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }

    /** The filter as a query over the user's depots; refuses bad ranges and depots of others. */
    DashboardQuery resolve(AnalyticsFilter filter) {
        checkRange(filter);
        DepotScope scope = access.currentScope();
        if (filter.depotId() != null) {
            if (!scope.includes(filter.depotId())) {
                throw new AccessDeniedException("You can only see analytics for your own depots.");
            }
            return new DashboardQuery(filter.from(), filter.to(), List.of(filter.depotId()), zone);
        }
        List<Long> depots = scope.allDepots()
                ? jdbc.sql("select id from depot order by id").query(Long.class).list()
                : scope.depotIds().stream().sorted().toList();
        return new DashboardQuery(filter.from(), filter.to(), depots, zone);
    }

    /**
     * For stock, which everyone working with parts sees at every location (as the stock grid
     * does): the depot filter narrows to that depot's locations but is not a permission.
     */
    DashboardQuery resolveUnscoped(AnalyticsFilter filter) {
        checkRange(filter);
        List<Long> depots = filter.depotId() != null ? List.of(filter.depotId()) : List.of();
        return new DashboardQuery(filter.from(), filter.to(), depots, zone);
    }

    static void checkRange(AnalyticsFilter filter) {
        if (filter == null || filter.from() == null) {
            throw new InvalidInputException("from", "Choose the first day of the period");
        }
        if (filter.to() == null) {
            throw new InvalidInputException("to", "Choose the last day of the period");
        }
        if (filter.to().isBefore(filter.from())) {
            throw new InvalidInputException("to", "The last day must not be before the first day");
        }
        if (filter.days() > AnalyticsFilter.MAX_DAYS) {
            throw new InvalidInputException("to", "Choose a period of at most two years");
        }
    }
}
