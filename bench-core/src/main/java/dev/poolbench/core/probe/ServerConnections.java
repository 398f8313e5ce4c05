package dev.poolbench.core.probe;

import dev.poolbench.core.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts, from the server's side, the backends one application holds. It has a connection of its
 * own, under its own application name, so it never counts itself. A sample that finds that connection
 * lost (the database restarted) opens a new one and asks again, once, so a service's health endpoint
 * answers again once the database is back.
 */
public final class ServerConnections implements AutoCloseable {

    public static final String PROBE_APPLICATION = "poolbench-probe";

    static final String COUNTS = "SELECT count(*) FILTER (WHERE state = 'active'),"
            + " count(*) FILTER (WHERE state = 'idle'),"
            + " count(*) FILTER (WHERE state LIKE 'idle in transaction%'),"
            + " count(*)"
            + " FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()";

    static final String PIDS = "SELECT pid FROM pg_stat_activity"
            + " WHERE application_name = ? AND datname = current_database() ORDER BY pid";

    private final Database database;
    private Connection connection;
    private final String applicationName;

    /** Watches the backends labelled {@code applicationName}. */
    public ServerConnections(Database database, String applicationName) throws SQLException {
        this.database = database;
        this.connection = database.connect(PROBE_APPLICATION);
        this.applicationName = applicationName;
    }

    public synchronized ServerConnectionCounts sample() throws SQLException {
        try {
            return count();
        } catch (SQLException e) {
            if (!lost(e)) {
                throw e;
            }
            connection.close();
            connection = database.connect(PROBE_APPLICATION);
            return count();
        }
    }

    /** pgjdbc's connection failures are SQLSTATE class 08; a closed connection says so too. */
    private boolean lost(SQLException e) throws SQLException {
        return connection.isClosed() || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private ServerConnectionCounts count() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(COUNTS)) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ServerConnectionCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
            }
        }
    }

    /** The server process ids of the watched backends, lowest first. */
    public synchronized List<Integer> backendPids() throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(PIDS)) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    /** Ends one backend as an outage would ({@code pg_terminate_backend}); true when it was there to end. */
    public synchronized boolean terminate(int pid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public String applicationName() {
        return applicationName;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
