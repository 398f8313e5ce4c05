package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;
import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * {@code dbcp2}: Apache Commons DBCP2, its PoolingDataSource over a commons-pool2 GenericObjectPool (what
 * BasicDataSource builds, here fed by poolbench's connections), with poolbench's settings mapped onto its knobs:
 * <table>
 *   <caption>poolbench setting to DBCP2 setting</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>maxTotal</td></tr>
 *   <tr><td>poolSize</td><td>maxIdle; minIdle = 0, initialSize = 0: opened lazily</td></tr>
 *   <tr><td>maxOverflow closed on return</td><td>maxIdle: a connection given back while maxIdle are idle is
 *       closed at once, QueuePool's rule</td></tr>
 *   <tr><td>poolTimeout</td><td>maxWait</td></tr>
 *   <tr><td>recycle</td><td>maxConn (maxConnLifetime), checked at borrow and at return</td></tr>
 *   <tr><td>prePing</td><td>testOnBorrow, by {@code Connection.isValid} (no validationQuery)</td></tr>
 *   <tr><td>lifo</td><td>lifo (DBCP2's default is LIFO; poolbench's is FIFO)</td></tr>
 *   <tr><td>reset on return</td><td>rollbackOnReturn, autoCommitOnReturn, defaultAutoCommit = true</td></tr>
 *   <tr><td>-</td><td>no evictor thread, JMX off, abandoned-connection removal off (poolbench's leak detector)</td></tr>
 * </table>
 */
final class Dbcp2Pool extends LibraryPool {

    private final GenericObjectPool<PoolableConnection> pool;
    private final PoolingDataSource<PoolableConnection> dbcp;

    Dbcp2Pool(PoolSettings settings, PhysicalConnections physical) {
        super(settings, physical, "DBCP2");
        PoolableConnectionFactory factory = new PoolableConnectionFactory(new DataSourceConnectionFactory(physical), null);
        factory.setDefaultAutoCommit(true);
        factory.setRollbackOnReturn(true);
        factory.setAutoCommitOnReturn(true);
        factory.setValidationQueryTimeout(Duration.ofSeconds(VALIDATION_TIMEOUT_SECONDS));
        if (!settings.recycle().isZero()) {
            factory.setMaxConn(settings.recycle());
        }
        GenericObjectPoolConfig<PoolableConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(settings.poolSize() + settings.maxOverflow());
        config.setMaxIdle(settings.poolSize());
        config.setMinIdle(0);
        config.setMaxWait(settings.poolTimeout());
        config.setLifo(settings.lifo());
        config.setTestOnBorrow(settings.prePing());
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(factory, config);
        factory.setPool(pool);
        this.dbcp = new PoolingDataSource<>(pool);
    }

    @Override
    Connection acquire() throws SQLException {
        return dbcp.getConnection();
    }

    @Override
    boolean timedOut(SQLException e) {
        // commons-pool2's "Timeout waiting for idle object, maxWaitDuration=...", wrapped by PoolingDataSource
        return causedBy(e, NoSuchElementException.class) && String.valueOf(e.getMessage()).contains("Timeout waiting");
    }

    @Override
    int active() {
        return pool.getNumActive();
    }

    @Override
    int idle() {
        return pool.getNumIdle();
    }

    @Override
    int waiting() {
        return pool.getNumWaiters();
    }

    @Override
    public void close() {
        pool.close();
    }
}
