package com.fleetdesk.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One end-to-end journey per role in real headless Chromium against the production jar, each
 * step through the screens a person uses: the driver logs and submits a trip with the keyboard
 * alone, the manager approves it, the dispatcher solves and dispatches a route plan, the
 * warehouse clerk receives a purchase order and moves stock between locations, and a support
 * agent takes over a driver's chat. Every screen visited is checked like {@link BrowserSmokeIT}
 * does (no server or console error, no serious axe-core violation), and the server log must
 * stay free of errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleJourneysIT {

    static final String PASSWORD = "fleetdesk";
    static final String TRIP_PURPOSE = "Parts run to Salford (keyboard journey)";
    static final Duration PUSH = Duration.ofSeconds(20);

    static RunningFleetdesk app;
    static String base;
    static AccessibilityAudit audit;
    /** The trip the driver submitted, for the manager to approve. */
    static String submittedTripUrl;

    final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void startApp() throws Exception {
        // Short solves keep the dispatcher's journey quick; the simulator's traffic is not part of any journey.
        app = RunningFleetdesk.start("--fleetdesk.routing.solve-seconds=5", "--fleetdesk.routing.unimproved-seconds=3",
                "--fleetdesk.simulator.enabled=false");
        base = app.baseUrl();
        audit = new AccessibilityAudit();
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    // ---- driver, keyboard only --------------------------------------------------------------

    @Test
    @Order(1)
    void driverLogsAndSubmitsATripWithTheKeyboardOnly() throws Exception {
        try (Chromium browser = new Chromium()) {
            try {
                driverJourney(browser);
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("journey-driver");
                throw e;
            }
        }
        assertThat(problems).as("problems on the driver's screens").isEmpty();
    }

    void driverJourney(Chromium b) {
        b.open(base + "/login");
        check(b, "login");
        b.tabTo("Username");
        b.press("driver");
        b.tabTo("Password");
        b.press(PASSWORD, Keys.ENTER);
        awaitSignedIn(b);
        check(b, "overview");

        b.tabTo("Trip logs");
        b.press(Keys.ENTER);
        awaitPath(b, "/trips");
        check(b, "trip logs");

        b.tabTo("Log a trip");
        b.press(Keys.ENTER);
        new WebDriverWait(b.driver(), Duration.ofSeconds(15)).until(d -> !d.findElements(By.cssSelector("vaadin-dialog[opened]")).isEmpty());
        check(b, "log a trip");

        chooseFirstOptionByKeyboard(b, "Vehicle");
        chooseFirstOptionByKeyboard(b, "Driver");
        b.tabTo("Purpose");
        b.press(TRIP_PURPOSE);
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1);
        String day = yesterday.format(DateTimeFormatter.ofPattern("M/d/yyyy"));
        // A date-time picker is two inputs under one label: the date, then (Tab) the time.
        enterDateTime(b, "Start", day, "09:00");
        enterDateTime(b, "End", day, "10:30");
        b.tabTo("From");
        b.press("Manchester Central depot");
        b.tabTo("To");
        b.press("Salford Quays");
        // Choosing the vehicle filled in its odometer; the trip covers 42 km from there.
        BigDecimal start = new BigDecimal(String.valueOf(b.field("Odometer at start (km)").getDomProperty("value")));
        b.tabTo("Odometer at end (km)");
        b.press(start.add(BigDecimal.valueOf(42)).toPlainString());
        assertThat(fieldValue(b, "Start")).isEqualTo(yesterday + "T09:00");
        assertThat(fieldValue(b, "End")).isEqualTo(yesterday + "T10:30");
        b.tabTo("Save");
        b.press(Keys.ENTER);
        awaitPath(b, "/trip/");
        b.waitForText(TRIP_PURPOSE, PUSH);
        b.waitForExactText("Draft", PUSH);
        check(b, "trip detail (draft)");

        b.tabTo("Submit for approval");
        b.press(Keys.ENTER);
        b.waitForExactText("Submitted", PUSH);
        b.waitForText("Submitted by driver", PUSH);
        check(b, "trip detail (submitted)");
        submittedTripUrl = b.driver().getCurrentUrl();

        // Back in the logbook, the trip is listed as submitted.
        b.tabTo("Back to trip logs", 80, true);
        b.press(Keys.ENTER);
        awaitPath(b, "/trips");
        b.gridCell(TRIP_PURPOSE);
        assertThat(b.gridRowText(TRIP_PURPOSE)).contains("Submitted").contains("42 km");
        check(b, "trip logs (after submitting)");
    }

    /** Types the date, Enter, Tab to the time, types it, Enter: Enter commits and closes each picker's overlay. */
    private static void enterDateTime(Chromium b, String label, String day, String time) {
        b.tabTo(label);
        b.press(day);
        b.press(Keys.ENTER);
        // Tab while the calendar is still fading out would land in it; a person is never that quick.
        await(b, label + ": the calendar closes after Enter", () -> Boolean.FALSE.equals(b.script(
                "return [...document.querySelectorAll('vaadin-date-picker[opened], vaadin-date-picker-overlay-content')].some(e => e.checkVisibility())")));
        b.press(Keys.TAB);
        await(b, label + ": Tab moves to the time", () -> Boolean.TRUE.equals(b.script(
                "const a = document.activeElement; return !!a && !!a.parentElement && a.parentElement.localName === 'vaadin-time-picker'")));
        b.press(time);
        b.press(Keys.ENTER);
        await(b, label + ": the time list closes after Enter", () -> Boolean.FALSE.equals(b.script(
                "return [...document.querySelectorAll('vaadin-time-picker[opened], vaadin-time-picker-item')].some(e => e.checkVisibility())")));
        assertThat(fieldValue(b, label)).as("%s after typing %s %s; inputs show %s", label, day, time,
                b.script("return [...arguments[0].querySelectorAll('input')].map(i => i.value)", b.field(label))).isNotBlank();
    }

    /** Opens a combo box with the arrow key and takes its first option with Enter, as keyboard users do. */
    private static void chooseFirstOptionByKeyboard(Chromium b, String label) {
        b.tabTo(label);
        b.press(Keys.ARROW_DOWN);
        new WebDriverWait(b.driver(), Duration.ofSeconds(15)).until(d -> !d.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty());
        b.press(Keys.ARROW_DOWN);
        b.press(Keys.ENTER);
        assertThat(fieldValue(b, label)).as("%s chosen by keyboard", label).isNotBlank();
    }

    // ---- manager -----------------------------------------------------------------------------

    @Test
    @Order(2)
    void managerApprovesTheSubmittedTrip() throws Exception {
        assumeTrue(submittedTripUrl != null, "the driver's journey submitted no trip");
        try (Chromium browser = new Chromium()) {
            try {
                signIn(browser, "manager");
                browser.openMenu("Approvals");
                awaitPath(browser, "/trips/approvals");
                check(browser, "approvals");
                browser.gridCell(TRIP_PURPOSE);
                assertThat(browser.gridRowText(TRIP_PURPOSE)).contains("Manchester Central");

                WebElement open = browser.gridRow(TRIP_PURPOSE).stream().map(c -> c.findElements(By.linkText("Open"))).filter(l -> !l.isEmpty())
                        .findFirst().orElseThrow(() -> new AssertionError("no Open link in the trip's row")).getFirst();
                browser.clickWhenSettled(browser.reveal(open));
                assertThat(browser.driver().getCurrentUrl()).isEqualTo(submittedTripUrl);
                browser.waitForExactText("Submitted", PUSH);
                check(browser, "trip detail (to decide)");

                browser.fill("Decision comment", "Fine, thanks");
                browser.click("Approve");
                browser.waitForExactText("Approved", PUSH);
                // Read back from the database, not from the screen that made the change.
                browser.open(submittedTripUrl);
                browser.waitForExactText("Approved", PUSH);
                browser.waitForText("Approved by manager: Fine, thanks", PUSH);
                assertThat(browser.driver().findElements(By.xpath("//vaadin-button[normalize-space(.)='Approve']"))).isEmpty();
                check(browser, "trip detail (approved)");

                browser.openMenu("Approvals");
                browser.waitUntilIdle();
                assertThat(browser.gridRowText(TRIP_PURPOSE)).as("an approved trip leaves the inbox").isEmpty();
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("journey-manager");
                throw e;
            }
        }
        assertThat(problems).as("problems on the manager's screens").isEmpty();
    }

    // ---- dispatcher --------------------------------------------------------------------------

    @Test
    @Order(3)
    void dispatcherSolvesAndDispatchesARoutePlan() throws Exception {
        try (Chromium browser = new Chromium()) {
            try {
                signIn(browser, "dispatcher");
                browser.openMenu("Route plans");
                awaitPath(browser, "/routing/plans");
                check(browser, "route plans");
                String row = browser.gridRowText("Monday deliveries");
                assertThat(row).contains("Draft");

                browser.gridCell("Monday deliveries").click();
                awaitPath(browser, "/routing/plan/");
                browser.waitForExactText("Draft", PUSH);
                check(browser, "route plan (draft)");

                browser.click("Solve");
                // Progress and the result arrive by push while the solver runs (5 s in this test).
                browser.waitForExactText("Solved", Duration.ofSeconds(90));
                browser.waitForText("Route 1 ·", PUSH);
                assertThat(browser.button("Dispatch").getDomAttribute("disabled")).isNull();
                check(browser, "route plan (solved)");

                browser.click("Dispatch");
                browser.waitForExactText("Dispatched", PUSH);
                String planUrl = browser.driver().getCurrentUrl();
                browser.open(planUrl);
                browser.waitForExactText("Dispatched", PUSH);
                browser.waitForText("The plan is dispatched: it can no longer be edited.", PUSH);
                for (String action : List.of("Solve", "Dispatch", "Add stop", "Import CSV", "Cancel plan")) {
                    assertThat(browser.button(action).getDomAttribute("disabled")).as("%s after dispatch", action).isNotNull();
                }
                check(browser, "route plan (dispatched)");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("journey-dispatcher");
                throw e;
            }
        }
        assertThat(problems).as("problems on the dispatcher's screens").isEmpty();
    }

    // ---- warehouse ---------------------------------------------------------------------------

    @Test
    @Order(4)
    void warehouseReceivesAPurchaseOrderAndTransfersStock() throws Exception {
        try (Chromium browser = new Chromium()) {
            try {
                signIn(browser, "warehouse");
                browser.openMenu("Purchase orders");
                awaitPath(browser, "/inventory/purchase-orders");
                check(browser, "purchase orders");

                // The demo's order that the supplier has confirmed, with every line still outstanding.
                browser.gridCell("Ordered").click();
                awaitPath(browser, "/inventory/purchase-order/");
                browser.waitForText("Receive goods", PUSH);
                check(browser, "purchase order (ordered)");
                String number = browser.driver().findElement(By.tagName("h1")).getText();
                @SuppressWarnings("unchecked")
                List<List<String>> arrivals = (List<List<String>>) browser.script(
                        "return [...document.querySelectorAll('vaadin-big-decimal-field')].filter(f => (f.label || '').startsWith('Arrived: '))"
                                + ".map(f => [f.label, f.helperText || ''])");
                assertThat(arrivals).as("lines to receive").isNotEmpty();
                for (List<String> line : arrivals) {
                    browser.fill(line.get(0), leadingNumber(line.get(1)).toPlainString());
                }
                browser.click("Book receipt");
                browser.waitForText("Receipt booked on " + number, PUSH);
                browser.waitForExactText("Received", PUSH);
                assertThat(browser.driver().findElements(By.xpath("//h2[normalize-space(.)='Receive goods']")).stream()
                        .filter(WebElement::isDisplayed).toList()).as("nothing left to receive").isEmpty();
                check(browser, "purchase order (received)");

                browser.openMenu("Transfers");
                awaitPath(browser, "/inventory/transfers");
                check(browser, "transfers");
                browser.click("Request transfer");
                check(browser, "request transfer");
                String note = "Journey transfer for the Bolton workshop";
                chooseFirstOptionByKeyboard(browser, "Part");
                browser.choose("From location", "Central Warehouse");
                browser.choose("To location", "Bolton North Service Centre");
                browser.fill("Quantity", "1");
                browser.fill("Note", note);
                browser.click("Request");
                browser.waitForText("requested", PUSH);
                assertThat(browser.gridRowText(note)).contains("Requested").contains("Central Warehouse").contains("Bolton North Service Centre");

                browser.gridCell(note).click();
                browser.waitUntilIdle();
                browser.click("Ship");
                waitForRow(browser, note, "In transit");
                check(browser, "transfers (shipped)");
                browser.gridCell(note).click();
                browser.waitUntilIdle();
                browser.click("Receive");
                waitForRow(browser, note, "Received");
                check(browser, "transfers (received)");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("journey-warehouse");
                throw e;
            }
        }
        assertThat(problems).as("problems on the warehouse clerk's screens").isEmpty();
    }

    // ---- support agent -----------------------------------------------------------------------

    @Test
    @Order(5)
    void agentTakesOverADriversChatAndReplies() throws Exception {
        String reply = "Hello, this is the support team: I have reset your fuel card PIN.";
        try (Chromium customer = new Chromium(); Chromium agent = new Chromium()) {
            try {
                signIn(customer, "driver");
                customer.driver().findElement(By.cssSelector("vaadin-button[aria-label='Ask the support assistant']")).click();
                awaitPath(customer, "/support/assistant");
                check(customer, "assistant");
                customer.fill("Your message", "Can I talk to a person, please?");
                customer.click("Send");
                customer.waitForText("Can I talk to a person, please?", PUSH);
                customer.waitForText("Assistant ·", PUSH);
                // The assistant hands over by itself when asked for a person; the button does it otherwise.
                if (!customer.driver().findElements(By.xpath("//vaadin-button[normalize-space(.)='Talk to a person']")).stream()
                        .filter(WebElement::isDisplayed).toList().isEmpty()) {
                    customer.click("Talk to a person");
                }
                customer.waitForExactText("Waiting for an agent", PUSH);
                check(customer, "assistant (waiting for an agent)");

                signIn(agent, "agent");
                agent.openMenu("Support console");
                awaitPath(agent, "/support/console");
                check(agent, "support console");
                agent.gridCell("driver").click();
                agent.waitForText("Conversation with driver", PUSH);
                agent.click("Take over");
                agent.waitForExactText("With an agent", PUSH);
                check(agent, "support console (taken over)");
                agent.fill("Reply", reply);
                agent.click("Send reply");
                agent.waitForText(reply, PUSH);
                check(agent, "support console (replied)");

                // The driver's open chat receives the reply by push, without reloading.
                customer.waitForText(reply, PUSH);
                customer.waitForExactText("With an agent", PUSH);
                check(customer, "assistant (agent replied)");
            } catch (AssertionError | RuntimeException e) {
                customer.screenshot("journey-agent-customer");
                agent.screenshot("journey-agent");
                throw e;
            }
        }
        assertThat(problems).as("problems on the support screens").isEmpty();
    }

    @Test
    @Order(6)
    void theServerLoggedNoErrors() throws Exception {
        assertThat(app.serverErrors()).as("errors in the server log").isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void check(Chromium b, String screen) {
        b.closeCommercialBanner();
        problems.addAll(ScreenCheck.problems(b, audit, screen));
    }

    private void signIn(Chromium b, String username) {
        b.open(base + "/login");
        check(b, "login");
        b.signIn(base, username, PASSWORD);
        check(b, "overview");
    }

    private static void awaitSignedIn(Chromium b) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login")
                && !d.findElements(By.tagName("vaadin-app-layout")).isEmpty());
        b.waitUntilIdle();
    }

    private static void awaitPath(Chromium b, String path) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base + path));
        b.waitUntilIdle();
    }

    private static void await(Chromium b, String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Timed out waiting until " + what + "; focus is on " + b.focusedName());
        }
    }

    private static void waitForRow(Chromium b, String cellText, String status) {
        try {
            new WebDriverWait(b.driver(), PUSH).until(d -> b.gridRowText(cellText).contains(status));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("The row of \"" + cellText + "\" does not show " + status + ": " + b.gridRowText(cellText));
        }
    }

    private static String fieldValue(Chromium b, String label) {
        return String.valueOf(b.field(label).getDomProperty("value"));
    }

    static BigDecimal leadingNumber(String text) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)").matcher(text);
        assertThat(m.find()).as("a number in \"%s\"", text).isTrue();
        return new BigDecimal(m.group(1));
    }
}
