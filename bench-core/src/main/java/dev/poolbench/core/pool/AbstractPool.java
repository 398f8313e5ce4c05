package dev.poolbench.core.pool;

import dev.poolbench.core.db.ForwardingConnection;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.db.SimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What every strategy shares: the {@link DataSource} face, the timeout count and message, and leak
 * detection. A strategy supplies {@link #borrow()} and its own counts.
 */
abstract class AbstractPool implements ConnectionPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    /** One daemon thread for every pool's leak checks; idle unless leakThreshold is set. */
    private static final ScheduledExecutorService LEAK_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "poolbench-leak-detector");
        t.setDaemon(true);
        return t;
    });

    final PoolSettings settings;
    final PhysicalConnections physical;
    private final AtomicLong timeouts = new AtomicLong();
    private final List<LeakReport> leaks = new CopyOnWriteArrayList<>();
    private final DataSource dataSource = new BorrowingDataSource();

    AbstractPool(PoolSettings settings, PhysicalConnections physical) {
        this.settings = settings;
        this.physical = physical;
    }

    /** Hands out a connection whose {@code close()} gives it back, or fails within poolTimeout. */
    abstract Connection borrow() throws SQLException;

    /** "queue pool of size 5 with overflow 10", "static pool (one connection shared by every borrower)": for logs and leak reports. */
    abstract String describe();

    @Override
    public final PoolSettings settings() {
        return settings;
    }

    @Override
    public final DataSource dataSource() {
        return dataSource;
    }

    @Override
    public final List<LeakReport> leaks() {
        return List.copyOf(leaks);
    }

    final long timeouts() {
        return timeouts.get();
    }

    final long leakCount() {
        return leaks.size();
    }

    /**
     * What a borrower that waited poolTimeout in vain gets, from every strategy that makes borrowers wait:
     * SQLAlchemy's message ({@link PoolExhaustedException#message}) with {@code pool} as the pool's name.
     */
    final PoolExhaustedException exhausted(String pool, int size, int overflow, Throwable cause) {
        timeouts.incrementAndGet();
        return new PoolExhaustedException(PoolExhaustedException.message(pool, size, overflow, settings.poolTimeout()),
                cause);
    }

    /** Whether a physical connection is closed; one that cannot even say is as good as closed. */
    static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Closes a physical connection the pool is letting go of; one that fails to close is forgotten all the same. */
    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // already broken; it is forgotten either way
        }
    }

    private Connection lend() throws SQLException {
        Connection connection = borrow();
        if (settings.leakThreshold().isZero()) {
            return connection;
        }
        return new WatchedConnection(connection);
    }

    /** Reports a connection held past leakThreshold, with the stack of the code that borrowed it. */
    private final class WatchedConnection extends ForwardingConnection {

        private final ScheduledFuture<?> check;
        private boolean returned;

        WatchedConnection(Connection lent) {
            super(lent);
            Throwable borrowedHere = new Throwable("borrowed here");
            String thread = Thread.currentThread().getName();
            Instant at = Instant.now();
            this.check = LEAK_TIMER.schedule(() -> reportLeak(borrowedHere, thread, at),
                    settings.leakThreshold().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws SQLException {
            if (!returned) {
                returned = true;
                check.cancel(false);
            }
            super.close();
        }
    }

    private void reportLeak(Throwable borrowedHere, String thread, Instant at) {
        LeakReport report = new LeakReport(describe(), at, settings.leakThreshold(), thread, callerStack(borrowedHere));
        leaks.add(report);
        LOG.warn("connection leak: a connection from the {} has been held for more than {} ms by thread {}; "
                        + "borrowed by:\n  at {}", describe(), settings.leakThreshold().toMillis(), thread,
                report.borrowedFrom().strip().replace("\n", "\n  at "));
    }

    /** The stack from the code that called {@code getConnection()} outwards: the leaking code path. */
    private static String callerStack(Throwable borrowedHere) {
        StackTraceElement[] frames = borrowedHere.getStackTrace();
        int caller = 0;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(AbstractPool.class.getName())) {
                caller = i + 1;
            }
        }
        StringBuilder stack = new StringBuilder();
        for (int i = caller; i < frames.length; i++) {
            stack.append(frames[i]).append('\n');
        }
        return stack.toString();
    }

    /** The plain DataSource face of the pool. */
    private final class BorrowingDataSource extends SimpleDataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return lend();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(AbstractPool.this)) {
                return iface.cast(AbstractPool.this);
            }
            return super.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(AbstractPool.this) || super.isWrapperFor(iface);
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
