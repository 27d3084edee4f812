package com.fleetdesk;

import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.TimeUnit;

/**
 * A real full disk under one table: a tmpfs of a few megabytes mounted here (needs root, else the test is skipped
 * with the reason), a PostgreSQL tablespace on it and the table moved there. {@link #fill} leaves only a little room
 * with a ballast file, {@link #free} deletes it; {@link #close} moves the table back and unmounts, also after a failure.
 */
public final class FullDisk implements AutoCloseable {

    private static final String TABLESPACE = "fleetdesk_full_disk";
    private final JdbcClient jdbc;
    private final String table;
    private final Path mount;
    private final Path ballast;
    private boolean moved;

    private FullDisk(JdbcClient jdbc, String table, Path mount) {
        this.jdbc = jdbc;
        this.table = table;
        this.mount = mount;
        this.ballast = mount.resolve("ballast");
    }

    /** Moves {@code table} onto a tmpfs with {@code room} bytes to spare beyond its current size. */
    public static FullDisk under(JdbcClient jdbc, String table, long room) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "A real full disk needs a tmpfs mount, which needs root; running as " + System.getProperty("user.name"));
        long size = jdbc.sql("select pg_total_relation_size('" + table + "')").query(Long.class).single() + room;
        Path mount = Files.createTempDirectory("fleetdesk-full-disk");
        String mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        if (mounted != null) {
            Files.deleteIfExists(mount);
            Assumptions.abort("Cannot mount a tmpfs for a real full disk: " + mounted);
        }
        FullDisk disk = new FullDisk(jdbc, table, mount);
        try {
            // PostgreSQL runs as its own user and insists on owning the tablespace's directory.
            UserPrincipal postgres = Files.getOwner(Path.of(jdbc.sql("select current_setting('data_directory')").query(String.class).single()));
            Path space = Files.createDirectory(mount.resolve("pg"));
            Files.setOwner(space, postgres);
            Files.setPosixFilePermissions(space, PosixFilePermissions.fromString("rwx------"));
            jdbc.sql("create tablespace " + TABLESPACE + " location '" + space + "'").update();
            jdbc.sql("alter table " + table + " set tablespace " + TABLESPACE).update();
            disk.moved = true;
            return disk;
        } catch (Exception | AssertionError e) {
            disk.close();
            throw e;
        }
    }

    /** Writes a ballast file so that only about {@code leave} bytes stay free. */
    public void fill(long leave) throws IOException {
        long toWrite = Files.getFileStore(mount).getUsableSpace() - leave;
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (long written = 0; written < toWrite; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, toWrite - written));
            }
        }
    }

    public long usable() throws IOException {
        return Files.getFileStore(mount).getUsableSpace();
    }

    /** What an administrator does about it: deletes something. */
    public void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    @Override
    public void close() throws Exception {
        try {
            free();
            if (moved) {
                jdbc.sql("alter table " + table + " set tablespace pg_default").update();
            }
            jdbc.sql("drop tablespace if exists " + TABLESPACE).update();
        } finally {
            String unmounted = run("umount", mount.toString());
            if (unmounted != null) {
                run("umount", "-l", mount.toString());
            }
            Files.deleteIfExists(mount);
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + out;
    }
}
