package com.fleetdesk.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two production nodes on different ports sharing one PostgreSQL, as behind a load balancer with
 * sticky sessions: a trip approved by a manager on node A changes, live, on the screen of
 * someone looking at the same trip on node B.
 */
class TwoNodesIT {

    static RunningFleetdesk nodeA;
    static RunningFleetdesk nodeB;
    static int dbPort;

    @BeforeAll
    static void start() throws Exception {
        dbPort = RunningFleetdesk.freePort();
        nodeA = RunningFleetdesk.start("--fleetdesk.db.embedded.port=" + dbPort, "--fleetdesk.simulator.enabled=false");
        nodeB = RunningFleetdesk.start("--spring.datasource.url=" + jdbcUrl(), "--fleetdesk.simulator.enabled=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void aTripApprovedOnOneNodeChangesLiveOnTheOther() throws Exception {
        long tripId = submittedTrip();
        try (Chromium watcher = new Chromium(); Chromium approver = new Chromium()) {
            watcher.signIn(nodeB.baseUrl(), "admin", "fleetdesk");
            watcher.open(nodeB.baseUrl() + "/trip/" + tripId);
            assertThat(statusShown(watcher, "Submitted")).isTrue();

            approver.signIn(nodeA.baseUrl(), "admin", "fleetdesk");
            approver.open(nodeA.baseUrl() + "/trip/" + tripId);
            approver.closeCommercialBanner();
            approver.driver().findElement(By.xpath("//vaadin-button[normalize-space(.)='Approve']")).click();
            approver.waitUntilIdle();

            // No reload on node B: the change arrives by push, forwarded between the nodes by the database.
            new WebDriverWait(watcher.driver(), Duration.ofSeconds(15)).until(d -> statusShown(watcher, "Approved"));
        }
        assertThat(status(tripId)).isEqualTo("APPROVED");
    }

    private static boolean statusShown(Chromium browser, String label) {
        return !browser.driver().findElements(By.xpath("//main//*[normalize-space(text())='" + label + "']")).isEmpty();
    }

    private static long submittedTrip() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("select id from trip_log where status = 'SUBMITTED' order by id limit 1")) {
            assertThat(rs.next()).as("a submitted demo trip").isTrue();
            return rs.getLong(1);
        }
    }

    private static String status(long tripId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("select status from trip_log where id = " + tripId)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + dbPort + "/fleetdesk?user=postgres";
    }
}
