package dev.poolbench.pools.sizing;

import dev.poolbench.results.Sizing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * What a sizing verdict needs from the server itself: its connection limits, its cores where it will say, and the
 * round trip to it.
 */
final class ServerFacts {

    /** {@code SELECT 1}s timed for the round trip; the median is kept, so a stray slow one does not count. */
    static final int PINGS = 21;

    private ServerFacts() {
    }

    /** max_connections, superuser_reserved_connections and (PostgreSQL 16+) reserved_connections. */
    static Sizing.Server limits(Connection c) throws SQLException {
        return new Sizing.Server(setting(c, "server_version"), Integer.parseInt(setting(c, "max_connections")),
                Integer.parseInt(setting(c, "superuser_reserved_connections")),
                setting(c, "reserved_connections") == null ? null : Integer.parseInt(setting(c, "reserved_connections")));
    }

    /** The server's cores, and how they were learned. */
    record Cores(Integer count, String from) {
    }

    /**
     * The processors in the server's {@code /proc/cpuinfo}, read with {@code pg_read_file} (superusers and members of
     * pg_read_server_files only; Linux servers only). A container's CPU limit does not show there: it counts the
     * machine's processors.
     */
    static Cores cores(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_read_file('/proc/cpuinfo')")) {
            rs.next();
            long processors = rs.getString(1).lines().filter(line -> line.startsWith("processor")).count();
            if (processors > 0) {
                return new Cores((int) processors, "pg_read_file('/proc/cpuinfo') on the server");
            }
            return new Cores(null, "unknown: the server's /proc/cpuinfo lists no processor (pass --db-cores=N)");
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new Cores(null, "unknown: " + message + " (pass --db-cores=N)");
        }
    }

    /** The median of {@value #PINGS} timed {@code SELECT 1}s on {@code c}, in milliseconds, after one untimed. */
    static double roundTripMs(Connection c) throws SQLException {
        double[] ms = new double[PINGS];
        try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.executeQuery().close();
            for (int i = 0; i < PINGS; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[PINGS / 2];
    }

    /** A setting's value; null when the server has no such setting (reserved_connections before 16). */
    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setting FROM pg_settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
