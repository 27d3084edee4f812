package com.fleetdesk.telematics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sampling profile of the database for {@link TelematicsBenchmark}: every 100 ms, which
 * statements the app's backends are running (pg_stat_activity, state active). The shares show
 * where PostgreSQL's time goes while a figure is measured.
 */
final class DbActivity implements AutoCloseable {

    private static final String SAMPLE = """
            select left(regexp_replace(query, '\\s+', ' ', 'g'), 90), coalesce(wait_event_type || ':' || wait_event, 'CPU')
              from pg_stat_activity
             where state = 'active' and datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
            """;

    private final Map<String, Integer> seen = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;

    DbActivity(DataSource db) {
        sampler = Thread.ofPlatform().daemon().name("db-activity").start(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SAMPLE)) {
                while (running) {
                    try (ResultSet rs = ps.executeQuery()) {
                        synchronized (seen) {
                            samples++;
                            while (rs.next()) {
                                seen.merge(rs.getString(1) + "  [" + rs.getString(2) + "]", 1, Integer::sum);
                            }
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (SQLException | InterruptedException e) {
                // sampling is best effort
            }
        });
    }

    /** The statements seen most often: average number of backends running each, as lines. */
    List<String> top(int n) {
        List<String> lines = new ArrayList<>();
        synchronized (seen) {
            double total = seen.values().stream().mapToInt(Integer::intValue).sum();
            lines.add(String.format(Locale.ROOT, "Database sampled %d times: on average %.2f backends active", samples,
                    samples == 0 ? 0 : total / samples));
            seen.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .forEach(e -> lines.add(String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
        }
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(2000);
    }
}
