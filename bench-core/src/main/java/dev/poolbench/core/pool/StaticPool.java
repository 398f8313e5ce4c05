package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code static}: SQLAlchemy 1.4's StaticPool, seed 000's "single connection reuse". One connection, opened at
 * the first checkout and lent to every borrower at once: nobody waits, nothing times out. The borrowers'
 * statements take turns on it (pgjdbc serializes them, as psycopg2 does), and their transactions are the
 * connection's one transaction:
 * <ul>
 *   <li>one borrower's rollback undoes another's insert, and one's commit keeps another's rolled-back insert;</li>
 *   <li>every return runs the reset-on-return rollback, whoever else is using the connection, so a read-only
 *       request that finishes erases a concurrent request's uncommitted write. (JDBC needs autocommit off for
 *       a transaction; the connection goes back to autocommit when its last borrower returns, so a borrower
 *       whose transaction was rolled back under it commits nothing, silently, as under SQLAlchemy.)</li>
 * </ul>
 * Borrowers that run single autocommit statements and never open a transaction are safe; any that does shares
 * it with everyone (the lost-writes probe counts what that costs). A connection found dead at a return, or
 * failing pre-ping, is replaced at the next checkout; recycle replaces it at checkout even while others use
 * it, as SQLAlchemy does. {@code single} is the pool people often mean instead: one connection, one borrower
 * at a time.
 */
final class StaticPool extends AbstractPool {

    private static final int PING_TIMEOUT_SECONDS = 5;

    private final Object lock = new Object();
    /** Null until the first checkout, and again once found dead. */
    private Connection shared;
    private long startedAt;
    private boolean fresh;
    private int borrowers;
    private boolean closed;

    StaticPool(PoolSettings settings, PhysicalConnections physical) {
        super(settings, physical);
    }

    @Override
    Connection borrow() throws SQLException {
        synchronized (lock) {
            if (closed) {
                throw new SQLException("the " + describe() + " is closed", "08003");
            }
            if (shared == null) {
                connect();
            } else if (expired()) {
                closeQuietly(shared);
                connect();
            }
            boolean wasFresh = fresh;
            fresh = false;
            if (settings.prePing() && !wasFresh && !physical.ping(shared, PING_TIMEOUT_SECONDS)) {
                closeQuietly(shared);
                connect();
                fresh = false;
            }
            borrowers++;
            return new Lease(shared, this::giveBack);
        }
    }

    private void giveBack(Connection connection) {
        boolean dead = isClosed(connection);
        if (!dead) {
            dead = !rollbackIfInTransaction(connection);
        }
        synchronized (lock) {
            borrowers--;
            if (connection != shared) {
                // the connection was replaced while this borrower held it (dead, recycled, pre-pinged away)
                closeQuietly(connection);
                return;
            }
            if (dead) {
                closeQuietly(shared);
                shared = null;
            } else if (borrowers == 0 && closed) {
                closeQuietly(shared);
                shared = null;
            } else if (borrowers == 0) {
                autocommitAgain(shared);
            }
        }
    }

    /** SQLAlchemy's reset on return: a rollback, whoever else is using the connection; false if the connection broke. */
    private static boolean rollbackIfInTransaction(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return true;
        } catch (SQLException e) {
            return !isClosed(connection);
        }
    }

    /** Nobody holds it: the next borrower gets it as JDBC hands out connections, in autocommit. */
    private static void autocommitAgain(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // broken: the next checkout that uses it finds out, and its return replaces it
        }
    }

    private void connect() throws SQLException {
        shared = null;
        startedAt = System.nanoTime();
        shared = physical.open();
        fresh = true;
    }

    private boolean expired() {
        return !settings.recycle().isZero() && System.nanoTime() - startedAt > settings.recycle().toNanos();
    }


    @Override
    String describe() {
        return "static pool (one connection shared by every borrower)";
    }

    @Override
    public PoolStats stats() {
        synchronized (lock) {
            return new PoolStats(borrowers, shared != null && borrowers == 0 ? 1 : 0, 0, physical.opened(), timeouts(),
                    physical.validationFailures(), leakCount());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (borrowers == 0) {
                closeQuietly(shared);
                shared = null;
            }
        }
    }
}
