package com.fleetdesk.telematics;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Open live maps for {@link TelematicsBenchmark}: one headless Debian Chromium, one tab (or, with
 * {@code bench.mapWindows=windows}, one window) per map session. Each signs in on its own loopback
 * host (127.0.0.1, 127.0.0.2, ...), so cookies, and therefore HTTP and Vaadin sessions, are
 * separate as for separate users; each page's {@code <fleet-map>} records when every pushed marker
 * update arrives. In tabs, only the front tab paints: the others receive and apply every push
 * unthrottled (background throttling is off) but do not render, as the users' own machines
 * would, so 20 browsers' painting does not take the 2 cores the server under test runs on.
 */
public final class MapSessions implements AutoCloseable {

    /**
     * Installed before any page script: remembers when the latest WebSocket message (Vaadin's push
     * channel) arrived, so an update's latency splits into delivery and the page's own processing.
     */
    private static final String SOCKET_HOOK = """
            (() => {
              const Native = window.WebSocket;
              if (!Native || Native.__benchHooked) { return; }
              window.__wsAt = 0;
              const Hooked = function (...args) {
                const ws = new Native(...args);
                ws.addEventListener('message', () => { window.__wsAt = Date.now(); });
                return ws;
              };
              Hooked.prototype = Native.prototype;
              for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) { Hooked[k] = Native[k]; }
              Hooked.__benchHooked = true;
              window.WebSocket = Hooked;
            })();
            """;

    /** Wraps the element's upsertMarker (setMarkers goes through it too) to log [id, lat, lon, Date.now(), last socket message at]. */
    private static final String RECORD_ARRIVALS = """
            const m = document.querySelector('fleet-map');
            if (!m || typeof m.upsertMarker !== 'function') { return null; }
            if (!m.__benchWrapped) {
              window.__arrivals = [];
              const orig = m.upsertMarker.bind(m);
              m.upsertMarker = (x) => {
                if (x) { window.__arrivals.push([String(x.id), x.lat, x.lon, Date.now(), window.__wsAt || 0]); }
                return orig(x);
              };
              m.__benchWrapped = true;
            }
            return [m._markers ? m._markers.size : -1, document.visibilityState, [...(m._markers ? m._markers.keys() : [])]];
            """;

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> windows = new ArrayList<>();
    private final boolean separateWindows = "windows".equals(System.getProperty("bench.mapWindows", "tabs"));

    public MapSessions() throws IOException {
        String chromedriver = System.getProperty("fleetdesk.chromedriver", "/usr/bin/chromedriver");
        String chromium = System.getProperty("fleetdesk.chromium", "/usr/bin/chromium");
        if (!new File(chromedriver).canExecute() || !new File(chromium).canExecute()) {
            throw new IllegalStateException("Chromium and chromedriver are needed (apt-get install chromium chromium-driver)");
        }
        profile = Files.createTempDirectory("fleetdesk-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // Background windows must not be throttled: every window stands for a user watching the map.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=900,650", "--user-data-dir=" + profile,
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
                "--disable-renderer-backgrounding", "--disable-features=CalculateNativeWinOcclusion,IntensiveWakeUpThrottling");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
    }

    /** What one opened map shows: the number of markers, the page's visibility state and the marker ids. */
    public record OpenedMap(String host, int markers, String visibility, List<String> markerIds) {
    }

    /** Opens a new window on {@code host}, signs in and opens /map with arrival recording; returns what it shows. */
    @SuppressWarnings("unchecked")
    public OpenedMap open(String host, int port, String username, String password, int expectedMarkers) {
        if (!windows.isEmpty()) {
            driver.switchTo().newWindow(separateWindows ? WindowType.WINDOW : WindowType.TAB);
        }
        windows.add(driver.getWindowHandle());
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", SOCKET_HOOK));
        String base = "http://" + host + ":" + port;
        driver.get(base + "/login");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        WebElement user = wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login") && !d.findElements(By.tagName("vaadin-app-layout")).isEmpty());
        waitUntilIdle();
        driver.get(base + "/map");
        waitUntilIdle();
        // setMarkers delivers the whole fleet in one call: once there are markers, all are there.
        wait.until(d -> Boolean.TRUE.equals(script("const m = document.querySelector('fleet-map');"
                + " return !!m && !!m._markers && m._markers.size >= Math.min(1, arguments[0]);", expectedMarkers)));
        waitUntilIdle();
        script("document.querySelectorAll('vaadin-commercial-banner, .vaadin-commercial-banner').forEach(b => b.remove())");
        List<Object> shown = (List<Object>) script(RECORD_ARRIVALS);
        if (shown == null) {
            throw new IllegalStateException("no <fleet-map> with upsertMarker on " + base + "/map");
        }
        return new OpenedMap(host, ((Number) shown.get(0)).intValue(), String.valueOf(shown.get(1)),
                ((List<Object>) shown.get(2)).stream().map(String::valueOf).toList());
    }

    /** Empties the arrival logs (e.g. after sign-in) and returns the pages' visibility states. */
    public List<String> resetArrivals() {
        List<String> states = new ArrayList<>();
        for (String window : windows) {
            driver.switchTo().window(window);
            states.add(String.valueOf(script("window.__arrivals = []; return document.visibilityState;")));
        }
        return states;
    }

    /** One [id, lat, lon, arrivalEpochMs, socketMessageEpochMs] entry per marker update received, per window in opening order. */
    @SuppressWarnings("unchecked")
    public List<List<List<Object>>> collectArrivals() {
        List<List<List<Object>>> all = new ArrayList<>();
        for (String window : windows) {
            driver.switchTo().window(window);
            all.add((List<List<Object>>) script("const a = window.__arrivals || []; window.__arrivals = []; return a;"));
        }
        return all;
    }

    public int size() {
        return windows.size();
    }

    public String layout() {
        return separateWindows ? "one window each" : "one tab each, the last in front";
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    private void waitUntilIdle() {
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> Boolean.TRUE.equals(script(
                "return document.readyState === 'complete' && !!window.Vaadin && !!window.Vaadin.Flow"
                        + " && Object.values(window.Vaadin.Flow.clients || {}).every(c => !c.isActive || !c.isActive())")));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind
            }
        }
    }
}
