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
        script("document.querySelectorAll('vaadin-commercial-banner, .vaadin-commercial-banner').forEach(b => b.remove())");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
