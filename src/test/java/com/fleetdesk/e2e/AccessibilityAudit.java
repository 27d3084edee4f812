package com.fleetdesk.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs axe-core (from the npm package the test command installs) on the current page. */
public final class AccessibilityAudit {

    private final String axeSource;

    public AccessibilityAudit() throws IOException {
        String path = System.getProperty("fleetdesk.axe.script", ".tools/axe-core/axe.min.js");
        if (!Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("axe-core not found at " + path + "; the README's test command installs it from npm.");
        }
        axeSource = Files.readString(Path.of(path));
    }

    /** Serious and critical WCAG 2.0/2.1 A and AA violations, one readable line each. */
    @SuppressWarnings("unchecked")
    public List<String> seriousViolations(Chromium browser) {
        // A notification fading in or out is half transparent by design, and one may start closing while
        // axe runs: for the audit, cards show and go without animation, and one already fading is waited for.
        browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                if (!document.getElementById('audit-no-card-animation')) {
                    const style = document.createElement('style');
                    style.id = 'audit-no-card-animation';
                    style.textContent = 'vaadin-notification-card, vaadin-notification-card[opening], '
                        + 'vaadin-notification-card[closing] { animation: none !important; }';
                    document.head.appendChild(style);
                }
                const started = Date.now();
                (function wait() {
                    if (!document.querySelector('vaadin-notification-card[closing]') || Date.now() - started > 3000) { done(null); }
                    else { setTimeout(wait, 100); }
                })();
                """);
        browser.script(axeSource + ";window.__axeLoaded = true;");
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                   resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
                """);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            String impact = String.valueOf(violation.get("impact"));
            if ("serious".equals(impact) || "critical".equals(impact)) {
                problems.add(impact + " " + violation.get("id") + ": " + violation.get("help") + " " + violation.get("nodes"));
            }
        }
        return problems;
    }
}
