package dev.poolbench.core.pool;

import dev.poolbench.core.db.PhysicalConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code none}: SQLAlchemy's NullPool. Every borrow opens a new physical connection (a TCP connect,
 * authentication, a new server backend) and every return closes it. Seed 000 recommends it for
 * "zero idle connections" at the price of "slight connection overhead per request"; the benchmarks
 * measure how slight.
 */
final class NullPool extends AbstractPool {

    private final AtomicInteger active = new AtomicInteger();

    NullPool(PoolSettings settings, PhysicalConnections physical) {
        super(settings, physical);
    }

    @Override
    Connection borrow() throws SQLException {
        Connection physicalConnection = physical.open();
        active.incrementAndGet();
        return new Lease(physicalConnection, this::closePhysical);
    }

    private void closePhysical(Connection physicalConnection) throws SQLException {
        active.decrementAndGet();
        physicalConnection.close();
    }

    @Override
    String describe() {
        return "null pool (a new connection per borrow)";
    }

    @Override
    public PoolStats stats() {
        return new PoolStats(active.get(), 0, 0, physical.opened(), timeouts(), physical.validationFailures(),
                leakCount());
    }

    @Override
    public void close() {
        // nothing is kept; connections still lent out are closed when their borrowers return them
    }
}
