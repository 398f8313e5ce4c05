package dev.poolbench.core.pool;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.probe.ServerConnectionCounts;
import dev.poolbench.core.probe.ServerConnections;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A pool under test, its own application name, and a probe that sees its backends from the server. */
final class PoolFixture implements AutoCloseable {

    final PhysicalConnections physical;
    final ConnectionPool pool;
    final ServerConnections server;

    PoolFixture(PoolSettings settings) throws SQLException {
        this.physical = TestDatabase.freshConnections(settings.strategy().spelling());
        this.pool = Pools.create(settings, physical);
        this.server = new ServerConnections(TestDatabase.get(), physical.applicationName());
    }

    Connection borrow() throws SQLException {
        return pool.dataSource().getConnection();
    }

    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Borrows, reads the backend pid, gives back. */
    int pidOfNextBorrow() throws SQLException {
        try (Connection c = borrow()) {
            return pid(c);
        }
    }

    ServerConnectionCounts counts() throws SQLException {
        return server.sample();
    }

    /** Waits up to 5 s for something the server does on its own time (a backend exiting, say). */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    int serverTotal() {
        try {
            return counts().total();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        pool.close();
        server.close();
    }
}
