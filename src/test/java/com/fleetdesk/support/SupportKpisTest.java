package com.fleetdesk.support;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.fleet.DepotService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The KPIs analytics reads, on a known set of conversations in a period no other test writes to. */
@FleetdeskTest
class SupportKpisTest {

    private static final LocalDate DAY = LocalDate.of(2021, 3, 10);

    @Autowired
    SupportKpis kpis;
    @Autowired
    DepotService depots;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcClient jdbc;

    private void conversation(long depot, String status, boolean bot, Instant escalated, Instant taken, Instant resolved, int transfers,
                              boolean reopened, Integer csat) {
        Instant created = DAY.atTime(9, 0).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
        jdbc.sql("""
                        insert into support_conversation (customer_username, customer_depot_id, status, escalated_at, taken_at, resolved_at,
                               resolved_by_bot, transfers, reopened, csat, last_message_at, created_at, updated_at)
                        values ('kpi-customer', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).params(depot, status, ts(escalated), ts(taken), ts(resolved), bot, transfers, reopened, csat, ts(created), ts(created), ts(created))
                .update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    @Test
    void summaryCountsSharesHandleTimeAndRatingsOfTheConversationsStartedInThePeriod() {
        long depot = signedIn.as("admin", () -> depots.visibleDepots()).getFirst().getId();
        long otherDepot = signedIn.as("admin", () -> depots.visibleDepots()).getLast().getId();
        Instant t = DAY.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
        // 1: solved by the assistant; 2: closed from BOT without escalation (also the bot's); 3: agent, 10 min, rated 4;
        // 4: agent with a transfer, 30 min, rated 2; 5: still waiting; 6: another depot.
        conversation(depot, "CLOSED", true, null, null, t, 0, false, 5);
        conversation(depot, "CLOSED", true, null, null, t, 0, false, null);
        conversation(depot, "CLOSED", false, t, t, t.plus(Duration.ofMinutes(10)), 0, false, 4);
        conversation(depot, "RESOLVED", false, t, t, t.plus(Duration.ofMinutes(30)), 1, false, 2);
        conversation(depot, "WAITING_FOR_AGENT", false, t, null, null, 0, false, null);
        conversation(otherDepot, "CLOSED", true, null, null, t, 0, false, 1);

        SupportKpiSummary s = signedIn.as("admin", () -> kpis.summary(DAY, DAY, depot));
        assertThat(s.conversations()).isEqualTo(5);
        assertThat(s.botResolvedShare()).isCloseTo(2 / 5.0, within(1e-9));
        assertThat(s.firstContactResolution()).as("3 of the 4 resolved without transfer or reopening").isCloseTo(3 / 4.0, within(1e-9));
        assertThat(s.averageHandleTime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.averageCsat()).isCloseTo(11 / 3.0, within(1e-9));
        assertThat(s.escalationRate()).isCloseTo(3 / 5.0, within(1e-9));

        SupportKpiSummary all = signedIn.as("admin", () -> kpis.summary(DAY, DAY, null));
        assertThat(all.conversations()).isEqualTo(6);
        assertThat(all.averageCsat()).isCloseTo(12 / 4.0, within(1e-9));

        SupportKpiSummary empty = signedIn.as("admin", () -> kpis.summary(DAY.plusDays(1), DAY.plusDays(2), null));
        assertThat(empty).isEqualTo(new SupportKpiSummary(0, 0, 0, Duration.ZERO, null, 0));
    }

    @Test
    void badPeriodsAndOtherDepotsAreRefused() {
        assertThatThrownBy(() -> signedIn.run("admin", () -> kpis.summary(DAY, DAY.minusDays(1), null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("The last day must not be before the first");
        assertThatThrownBy(() -> signedIn.run("admin", () -> kpis.summary(null, DAY, null))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> signedIn.run("driver", () -> kpis.summary(DAY, DAY, null))).isInstanceOf(AccessDeniedException.class);
        long notManagers = signedIn.as("admin", () -> depots.visibleDepots()).getLast().getId();
        assertThatThrownBy(() -> signedIn.run("manager", () -> kpis.summary(DAY, DAY, notManagers))).isInstanceOf(AccessDeniedException.class);
    }
}
