package com.fleetdesk.analytics;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.fleet.FleetAccess;
import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleConsumer;

/**
 * Monthly fleet reports per depot, as PDF or Excel. Generation runs in the background (one at a
 * time, so reports never crowd out the screens) as the user who asked, and tells its progress.
 */
@Service
public class FleetReports {

    public enum Format {
        PDF("pdf", "application/pdf"), EXCEL("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        public final String extension;
        public final String mimeType;

        Format(String extension, String mimeType) {
            this.extension = extension;
            this.mimeType = mimeType;
        }
    }

    /** A finished report, ready to download. */
    public record ReportFile(String fileName, String mimeType, byte[] content) {
    }

    private final FleetAnalytics fleet;
    private final FleetReportWriter writer;
    private final FleetAccess access;
    private final DashboardScope scope;
    private final JdbcClient jdbc;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("fleet-report").unstarted(r));

    FleetReports(FleetAnalytics fleet, FleetReportWriter writer, FleetAccess access, DashboardScope scope, JdbcClient jdbc) {
        this.fleet = fleet;
        this.writer = writer;
        this.access = access;
        this.scope = scope;
        this.jdbc = jdbc;
    }

    /**
     * Starts generating the report of {@code depotId} for {@code month}; {@code progress} hears
     * 0..1 as it goes (on the background thread). Bad input and other depots fail at once.
     */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    public CompletableFuture<ReportFile> generate(Long depotId, YearMonth month, Format format, DoubleConsumer progress) {
        check(depotId, month, format);
        CompletableFuture<ReportFile> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(build(depotId, month, format, progress));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        };
        background.execute(new DelegatingSecurityContextRunnable(task, SecurityContextHolder.getContext()));
        return result;
    }

    /** Generates the report on the caller's thread. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    public ReportFile generateNow(Long depotId, YearMonth month, Format format) {
        check(depotId, month, format);
        return build(depotId, month, format, p -> { });
    }

    private void check(Long depotId, YearMonth month, Format format) {
        if (depotId == null) {
            throw new InvalidInputException("depot", "Choose the depot to report on");
        }
        if (month == null) {
            throw new InvalidInputException("month", "Choose the month to report on");
        }
        YearMonth current = YearMonth.from(scope.today());
        if (month.isAfter(current)) {
            throw new InvalidInputException("month", "Choose this month or an earlier one");
        }
        if (month.isBefore(current.minusMonths(24))) {
            throw new InvalidInputException("month", "Reports cover the last 24 months");
        }
        if (format == null) {
            throw new InvalidInputException("format", "Choose PDF or Excel");
        }
        access.requireDepot(depotId, "create reports");
    }

    private ReportFile build(long depotId, YearMonth month, Format format, DoubleConsumer progress) {
        String depotName = jdbc.sql("select name from depot where id = :id").param("id", depotId).query(String.class).optional()
                .orElseThrow(() -> new InvalidInputException("depot", "That depot no longer exists"));
        AnalyticsFilter filter = new AnalyticsFilter(month.atDay(1), month.atEndOfMonth(), depotId);
        progress.accept(0.05);
        var utilisation = fleet.utilisation(filter);
        progress.accept(0.3);
        var costs = fleet.vehicleCosts(filter);
        progress.accept(0.5);
        var alerts = fleet.alerts(filter);
        progress.accept(0.6);
        var drivers = fleet.driverSafety(filter);
        progress.accept(0.7);
        MonthlyFleetReport report = new MonthlyFleetReport(depotId, depotName, month, fleet.currency(), utilisation, costs, alerts, drivers);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (format == Format.PDF) {
                writer.writePdf(report, out);
            } else {
                writer.writeExcel(report, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.accept(1.0);
        String slug = depotName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return new ReportFile("fleet-report-" + slug + "-" + month + "." + format.extension, format.mimeType, out.toByteArray());
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
