package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;

/**
 * {@code queue}: SQLAlchemy's QueuePool, built on Apache Commons Pool 2. The rules, as SQLAlchemy
 * documents them:
 * <ul>
 *   <li>Connections are opened lazily, when a borrower finds none idle.</li>
 *   <li>Up to poolSize + maxOverflow connections may be open at once; a borrower beyond that waits up
 *       to poolTimeout and then gets {@link PoolExhaustedException}.</li>
 *   <li>The overflow rule: at most poolSize connections are kept idle. A connection returned while
 *       poolSize are already idle is closed, not kept (pool2's maxIdle).</li>
 *   <li>recycle: a connection older than this is closed and replaced when it is borrowed.</li>
 *   <li>prePing: a connection is checked with a round trip when borrowed; a dead one is closed and
 *       the borrower gets another (or a new one) without noticing.</li>
 *   <li>FIFO by default (the longest-idle connection goes out first), LIFO on request.</li>
 *   <li>A connection that comes back closed (its server went away mid-use) is discarded.</li>
 * </ul>
 * {@code static} is the same machinery held to exactly one connection, opened up front.
 */
final class QueuePool extends AbstractPool {

    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final GenericObjectPool<Connection> pool;
    private final String description;

    private QueuePool(PoolSettings settings, PhysicalConnections physical, int poolSize, int maxOverflow,
                      String description) {
        super(settings, physical);
        this.description = description;
        GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(poolSize + maxOverflow);
        config.setMaxIdle(poolSize);
        config.setMinIdle(0);
        config.setLifo(settings.lifo());
        config.setBlockWhenExhausted(true);
        config.setMaxWait(settings.poolTimeout());
        config.setTestOnBorrow(settings.prePing());
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new PhysicalConnectionFactory(), config);
    }

    static QueuePool queue(PoolSettings settings, PhysicalConnections physical) {
        return new QueuePool(settings, physical, settings.poolSize(), settings.maxOverflow(),
                "queue pool of size " + settings.poolSize() + " with overflow " + settings.maxOverflow());
    }

    /** Exactly one connection, opened now: no connect cost later, and a single-connection bottleneck. */
    static QueuePool single(PoolSettings settings, PhysicalConnections physical) throws java.sql.SQLException {
        QueuePool pool = new QueuePool(settings, physical, 1, 0, "static pool (one connection)");
        try {
            pool.pool.addObject();
        } catch (SQLException e) {
            pool.close();
            throw e;
        } catch (Exception e) {
            pool.close();
            throw new SQLException("could not open the static pool's connection: " + e.getMessage(), e);
        }
        return pool;
    }

    @Override
    Connection borrow() throws SQLException {
        Connection physicalConnection;
        try {
            physicalConnection = pool.borrowObject();
        } catch (NoSuchElementException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Timeout waiting")) {
                throw exhausted(pool.getNumActive(), pool.getNumWaiters(), null);
            }
            // a brand-new connection failed its first check: the server accepts connections but not queries
            throw new SQLException(describe() + " could not hand out a working connection: " + e.getMessage(), "08006", e);
        } catch (SQLException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection from the " + describe(), "08001", e);
        } catch (Exception e) {
            throw new SQLException(describe() + " failed: " + e.getMessage(), "08001", e);
        }
        return new Lease(physicalConnection, this::giveBack);
    }

    private void giveBack(Connection physicalConnection) {
        boolean dead;
        try {
            dead = physicalConnection.isClosed();
        } catch (SQLException e) {
            dead = true;
        }
        if (dead) {
            try {
                pool.invalidateObject(physicalConnection);
            } catch (Exception e) {
                // already closed; the pool has forgotten it either way
            }
        } else {
            pool.returnObject(physicalConnection);
        }
    }

    @Override
    String describe() {
        return description;
    }

    @Override
    public PoolStats stats() {
        return new PoolStats(pool.getNumActive(), pool.getNumIdle(), pool.getNumWaiters(), physical.opened(),
                timeouts(), physical.validationFailures(), leakCount());
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Opens, checks, resets and closes physical connections for pool2. */
    private final class PhysicalConnectionFactory extends BasePooledObjectFactory<Connection> {

        @Override
        public Connection create() throws SQLException {
            return physical.open();
        }

        @Override
        public PooledObject<Connection> wrap(Connection connection) {
            return new DefaultPooledObject<>(connection);
        }

        /** Borrow time: the recycle rule. Throwing makes pool2 close this one and find another. */
        @Override
        public void activateObject(PooledObject<Connection> p) throws ConnectionRecycled {
            Duration recycle = settings.recycle();
            if (!recycle.isZero() && Duration.between(p.getCreateInstant(), Instant.now()).compareTo(recycle) >= 0) {
                throw new ConnectionRecycled();
            }
        }

        /** Borrow time, when prePing is on: one round trip. */
        @Override
        public boolean validateObject(PooledObject<Connection> p) {
            try {
                return p.getObject().isValid(VALIDATION_TIMEOUT_SECONDS);
            } catch (SQLException e) {
                return false;
            }
        }

        /** Return time: end any transaction the borrower left open, as SQLAlchemy's reset-on-return does. */
        @Override
        public void passivateObject(PooledObject<Connection> p) throws SQLException {
            Connection connection = p.getObject();
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        @Override
        public void destroyObject(PooledObject<Connection> p) throws SQLException {
            p.getObject().close();
        }
    }

    /** A connection past its recycle age; pool2 closes it and hands out another. */
    private static final class ConnectionRecycled extends Exception {
        private static final long serialVersionUID = 1L;

        ConnectionRecycled() {
            super("connection older than recycle", null, false, false);
        }
    }
}
