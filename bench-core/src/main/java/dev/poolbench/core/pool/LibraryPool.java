package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What the pools that are a library's share ({@link PoolStrategy#LIBRARIES}): a borrow is the library's own
 * {@code getConnection()}, the library's own "no connection within the timeout" becomes poolbench's
 * {@link PoolExhaustedException} (the one wording, with the library's name), and the snapshot takes the
 * library's own counts. Connections come from {@link PhysicalConnections}, so opened and validation failures
 * mean the same as for poolbench's pools, and leaks are poolbench's own detector's.
 */
abstract class LibraryPool extends AbstractPool {

    /**
     * For the libraries that close connections beyond poolSize only once they sat idle (no knob closes them on
     * return): HikariCP's minimum idleTimeout, used for every such library so that they compare.
     */
    static final Duration EXCESS_IDLE = Duration.ofSeconds(10);
    /** How long a validity check (prePing) may wait for the server, as queue's pre-ping. */
    static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final String library;

    LibraryPool(PoolSettings settings, PhysicalConnections physical, String library) {
        super(settings, physical);
        this.library = library;
    }

    /** The library's {@code getConnection()}. */
    abstract Connection acquire() throws SQLException;

    /** Whether {@code e} is the library's own "no connection came within the timeout". */
    abstract boolean timedOut(SQLException e);

    abstract int active();

    abstract int idle();

    abstract int waiting();

    @Override
    final Connection borrow() throws SQLException {
        try {
            return acquire();
        } catch (SQLException e) {
            if (timedOut(e)) {
                throw exhausted(library, settings.poolSize(), settings.maxOverflow(), e);
            }
            throw e;
        }
    }

    @Override
    final String describe() {
        return settings.strategy().spelling() + " pool of size " + settings.poolSize() + " with overflow "
                + settings.maxOverflow();
    }

    @Override
    public final PoolStats stats() {
        return new PoolStats(active(), idle(), waiting(), physical.opened(), timeouts(), physical.validationFailures(),
                leakCount());
    }

    /** Whether {@code e} or one of its causes is a {@code type}. */
    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
