package dev.poolbench.core.pool;

import com.mchange.v2.c3p0.DataSources;
import com.mchange.v2.c3p0.PooledDataSource;
import com.mchange.v2.resourcepool.TimeoutException;
import dev.poolbench.core.db.PhysicalConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code c3p0}: c3p0, a pool over poolbench's connections ({@code DataSources.pooledDataSource}), with poolbench's
 * settings mapped onto its knobs:
 * <table>
 *   <caption>poolbench setting to c3p0 setting</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>maxPoolSize</td></tr>
 *   <tr><td>poolSize</td><td>minPoolSize and initialPoolSize: opened up front and kept</td></tr>
 *   <tr><td>maxOverflow closed on return</td><td>maxIdleTimeExcessConnections = 10 s: connections above
 *       minPoolSize close after 10 s idle, as with HikariCP</td></tr>
 *   <tr><td>poolTimeout</td><td>checkoutTimeout</td></tr>
 *   <tr><td>recycle</td><td>maxConnectionAge, in whole seconds (0 = never)</td></tr>
 *   <tr><td>prePing</td><td>testConnectionOnCheckout, by {@code isValid} (no preferredTestQuery)</td></tr>
 *   <tr><td>lifo</td><td>no knob</td></tr>
 *   <tr><td>reset on return</td><td>c3p0's own: autoCommitOnClose = false rolls back what the borrower left open,
 *       and autocommit, read-only and isolation go back to their defaults</td></tr>
 *   <tr><td>-</td><td>acquireIncrement = 1 (its default opens 3 at a time); acquireRetryAttempts = 1 (its
 *       default retries a failed connect 30 times, a second apart); no statement cache</td></tr>
 * </table>
 */
final class C3p0Pool extends LibraryPool {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final PooledDataSource c3p0;

    C3p0Pool(PoolSettings settings, PhysicalConnections physical) throws SQLException {
        super(settings, physical, "c3p0");
        Properties properties = new Properties();
        properties.setProperty("dataSourceName", "poolbench-c3p0-" + SEQUENCE.incrementAndGet());
        properties.setProperty("maxPoolSize", Integer.toString(settings.poolSize() + settings.maxOverflow()));
        properties.setProperty("minPoolSize", Integer.toString(settings.poolSize()));
        properties.setProperty("initialPoolSize", Integer.toString(settings.poolSize()));
        properties.setProperty("acquireIncrement", "1");
        properties.setProperty("acquireRetryAttempts", "1");
        properties.setProperty("maxIdleTimeExcessConnections", Long.toString(EXCESS_IDLE.toSeconds()));
        properties.setProperty("checkoutTimeout", Long.toString(settings.poolTimeout().toMillis()));
        properties.setProperty("maxConnectionAge", Long.toString(settings.recycle().toSeconds()));
        properties.setProperty("testConnectionOnCheckout", Boolean.toString(settings.prePing()));
        properties.setProperty("connectionIsValidTimeout", Integer.toString(VALIDATION_TIMEOUT_SECONDS));
        this.c3p0 = (PooledDataSource) DataSources.pooledDataSource(physical, properties);
    }

    @Override
    Connection acquire() throws SQLException {
        return c3p0.getConnection();
    }

    @Override
    boolean timedOut(SQLException e) {
        return causedBy(e, TimeoutException.class);
    }

    @Override
    int active() {
        return count(c3p0::getNumBusyConnectionsDefaultUser);
    }

    @Override
    int idle() {
        return count(c3p0::getNumIdleConnectionsDefaultUser);
    }

    @Override
    int waiting() {
        return count(c3p0::getNumThreadsAwaitingCheckoutDefaultUser);
    }

    private interface Count {
        int get() throws SQLException;
    }

    private static int count(Count count) {
        try {
            return count.get();
        } catch (SQLException e) {
            throw new IllegalStateException("c3p0 could not count its connections", e);
        }
    }

    @Override
    public void close() {
        try {
            DataSources.destroy(c3p0);
        } catch (SQLException e) {
            // closed as far as it could be; its connections are the server's to drop
        }
    }
}
