package com.fleetdesk.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with the screen a browser shows now, as a user or an assistive technology would
 * notice it: a server error instead of the screen, errors in the browser console (since the last
 * check), and serious or critical axe-core WCAG 2.1 AA violations.
 */
final class ScreenCheck {

    private ScreenCheck() {
    }

    static List<String> problems(Chromium browser, AccessibilityAudit audit, String screen) {
        List<String> problems = new ArrayList<>();
        String text = String.valueOf(browser.script("return document.body.innerText"));
        if (text.contains("Internal error") || text.contains("Could not navigate") || text.contains("Access denied")) {
            problems.add(screen + ": the server reported an error: " + text.substring(0, Math.min(300, text.length())));
        }
        browser.consoleErrors().forEach(e -> problems.add(screen + ": console error: " + e.getMessage()));
        audit.seriousViolations(browser).forEach(v -> problems.add(screen + ": accessibility: " + v));
        return problems;
    }
}
