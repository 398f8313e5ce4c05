package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;
import org.vibur.dbcp.ViburDBCPDataSource;
import org.vibur.objectpool.PoolService;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code vibur}: Vibur DBCP, with poolbench's settings mapped onto its knobs:
 * <table>
 *   <caption>poolbench setting to Vibur DBCP setting</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>poolMaxSize</td></tr>
 *   <tr><td>poolSize</td><td>poolInitialSize: opened up front and kept (the reducer never goes below it)</td></tr>
 *   <tr><td>maxOverflow closed on return</td><td>reducerTimeIntervalInSeconds = 10: the reducer closes
 *       connections above poolInitialSize that stayed unused, about 10 s after</td></tr>
 *   <tr><td>poolTimeout</td><td>connectionTimeoutInMs</td></tr>
 *   <tr><td>recycle</td><td>no knob: Vibur has no maximum lifetime, so recycle must be 0</td></tr>
 *   <tr><td>prePing</td><td>connectionIdleLimitInSeconds = 0 (check every borrow, by {@code isValid}); off: -1</td></tr>
 *   <tr><td>lifo</td><td>no knob (Vibur's pool is a deque it takes from and returns to at one end)</td></tr>
 *   <tr><td>reset on return</td><td>resetDefaultsAfterUse with defaultAutoCommit = true: Vibur has no rollback on
 *       return, and turning autocommit back on <em>commits</em> a transaction the borrower left open</td></tr>
 *   <tr><td>-</td><td>poolFair = true; slow-query and large-result logging off, JMX off, as no other
 *       strategy watches statements</td></tr>
 * </table>
 * Vibur does not count borrowers waiting; the snapshot's waiting is the borrowers inside its getConnection.
 */
final class ViburPool extends LibraryPool {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int REDUCER_INTERVAL_SECONDS = (int) EXCESS_IDLE.toSeconds();

    private final ViburDBCPDataSource vibur;
    private final PoolService<?> pool;
    private final AtomicInteger borrowing = new AtomicInteger();

    ViburPool(PoolSettings settings, PhysicalConnections physical) {
        super(settings, physical, "Vibur DBCP");
        vibur = new ViburDBCPDataSource();
        vibur.setName("poolbench-vibur-" + SEQUENCE.incrementAndGet());
        vibur.setExternalDataSource(physical);
        vibur.setPoolInitialSize(settings.poolSize());
        vibur.setPoolMaxSize(settings.poolSize() + settings.maxOverflow());
        vibur.setPoolFair(true);
        vibur.setReducerTimeIntervalInSeconds(REDUCER_INTERVAL_SECONDS);
        vibur.setConnectionTimeoutInMs(settings.poolTimeout().toMillis());
        vibur.setConnectionIdleLimitInSeconds(settings.prePing() ? 0 : -1);
        vibur.setTestConnectionQuery("isValid");
        vibur.setValidateTimeoutInSeconds(VALIDATION_TIMEOUT_SECONDS);
        vibur.setDefaultAutoCommit(true);
        vibur.setResetDefaultsAfterUse(true);
        vibur.setLogQueryExecutionLongerThanMs(-1);
        vibur.setLogLargeResultSet(-1);
        vibur.setLogConnectionLongerThanMs(-1);
        vibur.setCollectQueryStatistics(-1);
        vibur.setEnableJMX(false);
        vibur.start();
        this.pool = vibur.getPool();
    }

    @Override
    Connection acquire() throws SQLException {
        borrowing.incrementAndGet();
        try {
            return vibur.getConnection();
        } finally {
            borrowing.decrementAndGet();
        }
    }

    @Override
    boolean timedOut(SQLException e) {
        // "Pool poolbench-vibur-1, couldn't obtain SQL connection within 300.000 ms."
        return String.valueOf(e.getMessage()).contains("couldn't obtain SQL connection within");
    }

    @Override
    int active() {
        return pool.taken();
    }

    @Override
    int idle() {
        return pool.remainingCreated();
    }

    @Override
    int waiting() {
        return borrowing.get();
    }

    @Override
    public void close() {
        vibur.close();
    }
}
