package com.fleetdesk.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/** Debian's headless Chromium driven by its chromedriver; never downloads a browser. */
public final class Chromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    public Chromium() throws IOException {
        String chromedriver = System.getProperty("fleetdesk.chromedriver", "/usr/bin/chromedriver");
        String chromium = System.getProperty("fleetdesk.chromium", "/usr/bin/chromium");
        if (!new File(chromedriver).canExecute() || !new File(chromium).canExecute()) {
            throw new IllegalStateException("Chromium and chromedriver are needed (apt-get install chromium chromium-driver); the README's test command installs them.");
        }
        profile = Files.createTempDirectory("fleetdesk-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
        driver = new ChromeDriver(service, options);
        // Vaadin's commercial banner lives in a closed shadow root on <body>; opening that root lets
        // closeCommercialBanner remove it (it covers the bottom of the window). Nothing else changes.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                const attachShadow = Element.prototype.attachShadow;
                Element.prototype.attachShadow = function (init) {
                    return attachShadow.call(this, this === document.body ? {...init, mode: 'open'} : init);
                };
                """));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
        waitUntilIdle();
    }

    public void signIn(String baseUrl, String username, String password) {
        open(baseUrl + "/login");
        WebElement user = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.cssSelector("input[name='username']")));
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.cssSelector("input[name='password']"));
        pass.sendKeys(password, Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login")
                && !d.findElements(By.tagName("vaadin-app-layout")).isEmpty());
        waitUntilIdle();
    }

    /** Waits until Vaadin has no request in flight and the page has settled. */
    public void waitUntilIdle() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !!window.Vaadin && !!window.Vaadin.Flow"
                        + " && Object.values(window.Vaadin.Flow.clients || {}).every(c => !c.isActive || !c.isActive())")));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** Console messages at SEVERE level since the last call. */
    public List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** Closes Vaadin's "commercial component" banner if a view showed it, so it covers nothing. */
    public void closeCommercialBanner() {
        script("[document, document.body.shadowRoot].filter(r => r)"
                + ".forEach(r => r.querySelectorAll('vaadin-commercial-banner, .vaadin-commercial-banner').forEach(b => b.remove()))");
    }

    // ---- keyboard only: keys go to whatever has focus, as when a person types ----------------

    /** Presses keys (Tab, Enter, arrows, text) on the focused element, then waits for the server round trip. */
    public void press(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
        waitUntilIdle();
    }

    /**
     * What a screen reader would roughly announce for the focused element, looking through
     * shadow roots: its aria-label, the label of the field it belongs to, or its text.
     */
    public String focusedName() {
        return String.valueOf(script("""
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
                const up = e => e.parentElement || (e.getRootNode && e.getRootNode().host) || null;
                const clickable = /^(vaadin-button|vaadin-side-nav-item|vaadin-menu-bar-button|vaadin-menu-bar-item|vaadin-item|vaadin-radio-button|vaadin-checkbox|a|button)$/;
                for (let e = el; e && e !== document.body && e !== document.documentElement; e = up(e)) {
                    const aria = e.getAttribute && e.getAttribute('aria-label');
                    if (aria) { return aria.trim(); }
                    if (typeof e.label === 'string' && e.label.trim() && e.localName.startsWith('vaadin-')) { return e.label.trim(); }
                    if (clickable.test(e.localName) || (e.getAttribute && /^(button|link|menuitem|option|tab)$/.test(e.getAttribute('role') || ''))) {
                        const text = (e.innerText || e.textContent || '').replace(/\\s+/g, ' ').trim();
                        if (text) { return text; }
                    }
                }
                return el ? el.localName : 'nothing';
                """));
    }

    /**
     * Presses Tab (or Shift+Tab) until the focused element's name is {@code name}; fails, listing
     * what was passed, when the element is not reachable by keyboard within {@code maxPresses}.
     */
    public void tabTo(String name, int maxPresses, boolean backwards) {
        List<String> passed = new java.util.ArrayList<>();
        for (int i = 0; i <= maxPresses; i++) {
            String focused = focusedName();
            if (focused.equals(name)) {
                return;
            }
            passed.add(focused);
            press(backwards ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB);
        }
        throw new AssertionError("\"" + name + "\" is not reachable with " + (backwards ? "Shift+Tab" : "Tab")
                + " within " + maxPresses + " presses; focus passed: " + passed);
    }

    public void tabTo(String name) {
        tabTo(name, 80, false);
    }

    // ---- finding things as a user sees them -------------------------------------------------

    /** A button by its visible text (icons have none). */
    public WebElement button(String text) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
                        By.xpath("//vaadin-button[normalize-space(.)=" + xpathLiteral(text) + "]")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Clicks a visible button by its text and waits for the server's answer. */
    public void click(String buttonText) {
        closeCommercialBanner();
        WebElement button = reveal(button(buttonText));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> button.isEnabled() && !"true".equals(button.getDomAttribute("disabled"))
                && button.getDomAttribute("disabled") == null);
        clickWhenSettled(button);
    }

    /** Clicks once the element stopped moving (a re-layout after a server round trip can shift it). */
    public void clickWhenSettled(WebElement element) {
        for (int attempt = 1; ; attempt++) {
            try {
                element.click();
                break;
            } catch (org.openqa.selenium.ElementClickInterceptedException e) {
                if (attempt == 3) {
                    throw e;
                }
                closeCommercialBanner();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                reveal(element);
            }
        }
        waitUntilIdle();
    }

    /** Opens a menu entry of the drawer by its title, as a user clicks it. */
    public void openMenu(String title) {
        closeCommercialBanner();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
                By.xpath("//vaadin-side-nav-item[normalize-space(.)=" + xpathLiteral(title) + "]")).stream().findFirst().orElse(null)).click();
        waitUntilIdle();
    }

    /** A Vaadin field (text, number, combo box, text area…) by its label, in the open dialog if there is one. */
    public WebElement field(String label) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (WebElement) script(
                "const all = [...document.querySelectorAll('*')].filter(e => e.localName.startsWith('vaadin-') && e.label === arguments[0]"
                        + " && e.offsetParent !== null);"
                        // an open dialog is what the user works in; the screen behind it has fields of the same name
                        + "return all.find(e => e.closest('vaadin-dialog[opened]')) || all[0] || null", label));
    }

    /** Types into a labelled field (its inner input or text area) and leaves it with Tab, which commits the value. */
    public void fill(String label, String text) {
        WebElement input = reveal(field(label).findElement(By.cssSelector("input, textarea")));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
        waitUntilIdle();
    }

    /** Chooses the option with exactly this text in a labelled combo box, typing it as a filter first. */
    public void choose(String label, String option) {
        WebElement input = reveal(field(label).findElement(By.cssSelector("input")));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), option);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(script(
                "return [...document.querySelectorAll('vaadin-combo-box-item')].some(i => i.textContent.trim() === arguments[0])", option)));
        ((WebElement) script("return [...document.querySelectorAll('vaadin-combo-box-item')].find(i => i.textContent.trim() === arguments[0])", option)).click();
        waitUntilIdle();
    }

    /** Scrolls an element to the middle of the window, clear of the commercial banner at the bottom. */
    public WebElement reveal(WebElement element) {
        closeCommercialBanner();
        script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        return element;
    }

    /**
     * The grid row (its cells' contents) that has a cell with exactly this text, found through the
     * grid's slots as a user finds a row by what it shows; null when no such row is rendered.
     */
    @SuppressWarnings("unchecked")
    public List<WebElement> gridRow(String cellText) {
        return (List<WebElement>) script("""
                const cell = [...document.querySelectorAll('vaadin-grid-cell-content')]
                    .find(c => c.assignedSlot && c.textContent.replace(/\\s+/g, ' ').trim() === arguments[0]);
                if (!cell) { return null; }
                const row = cell.assignedSlot.closest('tr');
                return [...row.querySelectorAll('slot')].flatMap(s => s.assignedElements());
                """, cellText);
    }

    /** The text of the grid row that shows {@code cellText}, cells separated by " | "; empty when not shown. */
    public String gridRowText(String cellText) {
        List<WebElement> row = gridRow(cellText);
        return row == null ? "" : String.join(" | ", row.stream().map(c -> c.getText().replaceAll("\\s+", " ").trim()).toList());
    }

    /**
     * Waits until a grid shows a row with a cell of exactly this text, and returns that cell;
     * scrolls long grids page by page meanwhile, as a user looks down a list (grids render only
     * the rows in view).
     */
    public WebElement gridCell(String cellText) {
        script("document.querySelectorAll('vaadin-grid').forEach(g => g.__searchedTo = 0)");
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (WebElement) script("""
                    const cell = [...document.querySelectorAll('vaadin-grid-cell-content')]
                        .find(c => c.assignedSlot && c.textContent.replace(/\\s+/g, ' ').trim() === arguments[0]);
                    if (cell) {
                        cell.scrollIntoView({block: 'center', behavior: 'instant'});
                        return cell;
                    }
                    document.querySelectorAll('vaadin-grid').forEach(g => {
                        if (g.size && g.__searchedTo < g.size) {
                            g.__searchedTo = Math.min(g.size - 1, (g.__searchedTo || 0) + 10);
                            g.scrollToIndex(g.__searchedTo);
                        }
                    });
                    return null;
                    """, cellText));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("No grid row shows \"" + cellText + "\"");
        }
    }

    /** Waits until an element shows exactly this text (a status badge, a heading). */
    public void waitForExactText(String text, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout).until(d -> !d.findElements(
                    By.xpath("//*[normalize-space(text())=" + xpathLiteral(text) + "]")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown = String.valueOf(script("return document.body.innerText"));
            throw new AssertionError("Nothing showing \"" + text + "\" appeared within " + timeout + "; the page shows:\n"
                    + shown.substring(0, Math.min(shown.length(), 1500)));
        }
    }

    /** Saves what the browser shows to target/screenshots/NAME.png, to see what a failing step looked like. */
    public void screenshot(String name) {
        try {
            var file = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(file.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            // a missing screenshot must not hide the real result
        }
    }

    static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    /** Waits until the page's visible text contains {@code text} (e.g. a status label arriving by push). */
    public void waitForText(String text, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout).until(d -> String.valueOf(script("return document.body.innerText")).contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown = String.valueOf(script("return document.body.innerText"));
            throw new AssertionError("\"" + text + "\" did not appear within " + timeout + "; the page shows:\n"
                    + shown.substring(0, Math.min(shown.length(), 1500)));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
