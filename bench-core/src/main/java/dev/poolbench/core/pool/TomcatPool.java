package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tomcat}: Tomcat JDBC, with poolbench's settings mapped onto its knobs:
 * <table>
 *   <caption>poolbench setting to Tomcat JDBC setting</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>maxActive</td></tr>
 *   <tr><td>poolSize</td><td>maxIdle; minIdle = 0, initialSize = 0: opened lazily</td></tr>
 *   <tr><td>maxOverflow closed on return</td><td>maxIdle: a connection given back while maxIdle are idle is
 *       closed at once (with the pool sweeper off, timeBetweenEvictionRunsMillis = 0, which would otherwise
 *       leave them to its next run)</td></tr>
 *   <tr><td>poolTimeout</td><td>maxWait</td></tr>
 *   <tr><td>recycle</td><td>maxAge, checked at borrow and at return</td></tr>
 *   <tr><td>prePing</td><td>testOnBorrow with validationInterval = 0 (every borrow), by {@code isValid}</td></tr>
 *   <tr><td>lifo</td><td>fairQueue: Tomcat's fair queue hands out the last returned connection first; without it,
 *       an ArrayBlockingQueue, the longest idle</td></tr>
 *   <tr><td>reset on return</td><td>the ConnectionState interceptor puts defaultAutoCommit = true back at the next
 *       borrow, which <em>commits</em> a transaction the borrower left open: rollbackOnReturn is set but Tomcat
 *       honours it only with defaultAutoCommit = false</td></tr>
 *   <tr><td>-</td><td>JMX off; abandoned-connection removal off (poolbench's leak detector)</td></tr>
 * </table>
 */
final class TomcatPool extends LibraryPool {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final DataSource tomcat;

    TomcatPool(PoolSettings settings, PhysicalConnections physical) {
        super(settings, physical, "Tomcat JDBC");
        PoolProperties properties = new PoolProperties();
        properties.setName("poolbench-tomcat-" + SEQUENCE.incrementAndGet());
        properties.setDataSource(physical);
        properties.setMaxActive(settings.poolSize() + settings.maxOverflow());
        properties.setMaxIdle(settings.poolSize());
        properties.setMinIdle(0);
        properties.setInitialSize(0);
        properties.setMaxWait(Math.toIntExact(settings.poolTimeout().toMillis()));
        properties.setMaxAge(settings.recycle().toMillis());
        properties.setTestOnBorrow(settings.prePing());
        properties.setValidationInterval(0);
        properties.setValidationQueryTimeout(VALIDATION_TIMEOUT_SECONDS);
        properties.setFairQueue(settings.lifo());
        properties.setTimeBetweenEvictionRunsMillis(0);
        properties.setDefaultAutoCommit(true);
        properties.setRollbackOnReturn(true);
        properties.setJdbcInterceptors("ConnectionState");
        properties.setJmxEnabled(false);
        this.tomcat = new DataSource(properties);
    }

    @Override
    Connection acquire() throws SQLException {
        return tomcat.getConnection();
    }

    @Override
    boolean timedOut(SQLException e) {
        return e instanceof org.apache.tomcat.jdbc.pool.PoolExhaustedException;
    }

    @Override
    int active() {
        return tomcat.getActive();
    }

    @Override
    int idle() {
        return tomcat.getIdle();
    }

    @Override
    int waiting() {
        return tomcat.getWaitCount();
    }

    @Override
    public void close() {
        tomcat.close();
    }
}
