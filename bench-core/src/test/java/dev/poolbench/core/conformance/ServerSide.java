package dev.poolbench.core.conformance;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.HarnessSchema;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.probe.ServerConnectionCounts;
import dev.poolbench.core.probe.ServerConnections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The steps about the server, run by the test for both runners: counting a pool's backends in
 * {@code pg_stat_activity}, terminating them, taking the database away behind the proxy, reading the rows.
 * It works over a direct connection of its own, never through the proxy the pools use.
 */
final class ServerSide implements AutoCloseable {

    static final String TABLE = HarnessSchema.NAME + ".conformance_rows";

    /** A backend leaves pg_stat_activity a moment after its client closes; a count is read once it holds this long. */
    private static final Duration SETTLED = Duration.ofMillis(300);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Database database;
    private final LatencyProxy proxy;
    private final Connection admin;
    private ServerConnections watched;

    ServerSide(Database database, LatencyProxy proxy) throws SQLException {
        this.database = database;
        this.proxy = proxy;
        this.admin = database.connect("pb-conformance-admin");
        HarnessSchema.ensure(admin);
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (row text NOT NULL)");
        }
    }

    /** A scenario begins: its pool's backends go by {@code application}, and the table is empty. */
    void start(String application) throws SQLException {
        if (watched != null) {
            watched.close();
        }
        watched = new ServerConnections(database, application);
        try (Statement s = admin.createStatement()) {
            s.execute("TRUNCATE " + TABLE);
        }
    }

    /** Runs {@code step}; {@code pid} is the last pid the runner read on the connection the step names. */
    String run(Scenario.Step step, Integer pid) throws SQLException, InterruptedException {
        switch (step.action()) {
            case "server":
                return switch (step.name()) {
                    case "states" -> states(settled());
                    case "pinged" -> pinged() + " pinged";
                    default -> settled().total() + " backends";
                };
            case "terminate":
                if (step.name().equals("*")) {
                    for (int each : watched.backendPids()) {
                        watched.terminate(each);
                    }
                } else {
                    watched.terminate(pid);
                }
                await(() -> step.name().equals("*") ? watched.backendPids().isEmpty() : !watched.backendPids().contains(pid));
                return "ok";
            case "database":
                if (step.name().equals("down")) {
                    proxy.down();
                } else {
                    proxy.up();
                }
                return "ok";
            case "rows":
                try (Statement s = admin.createStatement();
                     ResultSet rs = s.executeQuery("SELECT coalesce(string_agg(row, ',' ORDER BY row), 'none') FROM " + TABLE)) {
                    rs.next();
                    return rs.getString(1);
                }
            default:
                throw new IllegalArgumentException("not a step about the server: " + step.label());
        }
    }

    /** The pool's backends whose last statement was the pre-ping's. */
    private int pinged() throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = ? AND datname = current_database() AND query = ?")) {
            ps.setString(1, watched.applicationName());
            ps.setString(2, PhysicalConnections.PING);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String states(ServerConnectionCounts counts) {
        return counts.idle() + " idle, " + counts.idleInTransaction() + " idle in transaction, " + counts.active() + " active";
    }

    /** The counts once they have stopped changing for {@link #SETTLED}. */
    private ServerConnectionCounts settled() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        ServerConnectionCounts last = watched.sample();
        long since = System.nanoTime();
        while (System.nanoTime() - since < SETTLED.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(25);
            ServerConnectionCounts now = watched.sample();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    private interface Condition {
        boolean holds() throws SQLException;
    }

    private static void await(Condition condition) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the terminated backends did not exit within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws SQLException {
        if (watched != null) {
            watched.close();
        }
        try (Statement s = admin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        admin.close();
    }
}
