package com.fleetdesk.base.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @Test
    void aKeptDataDirectoryIsWrittenWithFsyncAndKeepsItsDataAcrossRestarts(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir.toString(), 0)) {
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
                c.createStatement().execute("create table kept (v text); insert into kept values ('acknowledged')");
            }
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir.toString(), 0);
             Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("acknowledged");
        }
    }

    private static String setting(EmbeddedPostgresServer server, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
