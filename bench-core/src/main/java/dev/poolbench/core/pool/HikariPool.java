package dev.poolbench.core.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.poolbench.core.db.PhysicalConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code hikari}: HikariCP, with poolbench's settings mapped onto its knobs:
 * <table>
 *   <caption>poolbench setting to HikariCP setting</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>maximumPoolSize</td></tr>
 *   <tr><td>poolSize</td><td>minimumIdle: HikariCP opens these up front and keeps them</td></tr>
 *   <tr><td>maxOverflow closed on return</td><td>idleTimeout = 10 s (HikariCP's minimum): connections
 *       above minimumIdle are closed after 10 s idle, not at once</td></tr>
 *   <tr><td>poolTimeout</td><td>connectionTimeout (at least 250 ms)</td></tr>
 *   <tr><td>recycle</td><td>maxLifetime (0 = never, else at least 30 s); HikariCP retires connections in
 *       the background, slightly before the age, rather than at borrow</td></tr>
 *   <tr><td>prePing</td><td>no knob: HikariCP always checks a connection idle for more than 500 ms
 *       before lending it, whether prePing is on or off</td></tr>
 *   <tr><td>lifo</td><td>no knob: HikariCP prefers the connection this thread used last</td></tr>
 *   <tr><td>leakThreshold</td><td>poolbench's own detector, the same for every strategy (HikariCP's
 *       leakDetectionThreshold stays off so a leak is not reported twice)</td></tr>
 *   <tr><td>-</td><td>keepaliveTime = 0 (off), as no other strategy pings idle connections</td></tr>
 * </table>
 */
final class HikariPool extends LibraryPool {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final long IDLE_TIMEOUT_MS = EXCESS_IDLE.toMillis();

    private final HikariDataSource hikari;
    private final HikariPoolMXBean bean;

    HikariPool(PoolSettings settings, PhysicalConnections physical, Consumer<HikariConfig> customizer) {
        super(settings, physical, "HikariCP");
        HikariConfig config = new HikariConfig();
        config.setPoolName("poolbench-hikari-" + SEQUENCE.incrementAndGet());
        config.setDataSource(physical);
        config.setMaximumPoolSize(settings.poolSize() + settings.maxOverflow());
        config.setMinimumIdle(settings.poolSize());
        if (settings.maxOverflow() > 0) {
            config.setIdleTimeout(IDLE_TIMEOUT_MS); // HikariCP ignores it, with a warning, when the pool is fixed-size
        }
        config.setConnectionTimeout(settings.poolTimeout().toMillis());
        config.setMaxLifetime(settings.recycle().toMillis());
        config.setKeepaliveTime(0);
        config.setAutoCommit(true);
        customizer.accept(config);
        this.hikari = new HikariDataSource(config);
        this.bean = hikari.getHikariPoolMXBean();
    }

    @Override
    Connection acquire() throws SQLException {
        return hikari.getConnection();
    }

    @Override
    boolean timedOut(SQLException e) {
        return e instanceof SQLTransientConnectionException;
    }

    /** HikariCP itself, for what only it has (its Micrometer metrics, its MXBean). */
    HikariDataSource hikari() {
        return hikari;
    }

    @Override
    int active() {
        return bean.getActiveConnections();
    }

    @Override
    int idle() {
        return bean.getIdleConnections();
    }

    @Override
    int waiting() {
        return bean.getThreadsAwaitingConnection();
    }

    @Override
    public void close() {
        hikari.close();
    }
}
