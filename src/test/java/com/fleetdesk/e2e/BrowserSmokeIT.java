package com.fleetdesk.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in as each role in real headless Chromium against the production jar, opens every menu
 * entry the role has, and checks each screen: it renders, the server reports no error, the
 * browser console has no error, and axe-core finds no serious or critical WCAG 2.1 AA problem.
 * New views join automatically through their menu entries.
 */
class BrowserSmokeIT {

    static RunningFleetdesk app;
    static AccessibilityAudit audit;

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningFleetdesk.start();
        audit = new AccessibilityAudit();
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"admin", "manager", "dispatcher", "office", "warehouse", "technician", "agent", "driver"})
    void everyScreenOfTheRoleWorksAndIsAccessible(String username) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Chromium browser = new Chromium()) {
            browser.signIn(app.baseUrl(), username, "fleetdesk");
            Set<String> paths = new LinkedHashSet<>();
            for (WebElement item : browser.driver().findElements(By.cssSelector("vaadin-side-nav-item[path]"))) {
                paths.add(item.getAttribute("path"));
            }
            assertThat(paths).as("menu entries for %s", username).isNotEmpty().contains("", "vehicles");
            checkScreen(browser, "login", app.baseUrl() + "/login", problems, false);
            if (paths.contains("trips")) {
                paths.add(firstTripDetailPath(browser)); // detail screens are reached from lists, not the menu
            }
            for (String path : paths) {
                checkScreen(browser, path.isEmpty() ? "overview" : path, app.baseUrl() + "/" + path, problems, true);
                screenshot(browser, username, path.isEmpty() ? "overview" : path);
            }
        }
        assertThat(problems).as("problems seen by %s", username).isEmpty();
        assertThat(app.serverErrors()).as("errors in the server log").isEmpty();
    }

    private String firstTripDetailPath(Chromium browser) {
        browser.open(app.baseUrl() + "/trips");
        By tripLink = By.cssSelector("vaadin-grid-cell-content a[href^='trip/']");
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
                    .until(d -> !d.findElements(tripLink).isEmpty());
        } catch (org.openqa.selenium.TimeoutException noTrips) {
            return "trips";
        }
        var links = browser.driver().findElements(tripLink);
        return links.isEmpty() ? "trips" : links.getFirst().getAttribute("href").replaceFirst("^.*/(trip/\\d+)$", "$1");
    }

    /** Screenshots in target/screenshots help to see what a failing screen looked like. */
    private static void screenshot(Chromium browser, String username, String path) {
        try {
            var file = ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
            var target = java.nio.file.Path.of("target", "screenshots", username + "-" + path.replace('/', '_') + ".png");
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.copy(file.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            // a missing screenshot must not hide the real result
        }
    }

    private void checkScreen(Chromium browser, String name, String url, List<String> problems, boolean signedIn) {
        browser.open(url);
        browser.closeCommercialBanner();
        if (signedIn) {
            if (browser.driver().findElements(By.tagName("vaadin-app-layout")).isEmpty()) {
                problems.add(name + ": the application layout did not render");
            }
            if (browser.driver().findElements(By.tagName("h1")).isEmpty()) {
                problems.add(name + ": no page heading (h1)");
            }
        }
        problems.addAll(ScreenCheck.problems(browser, audit, name));
    }
}
