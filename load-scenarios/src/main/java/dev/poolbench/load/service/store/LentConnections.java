package dev.poolbench.load.service.store;

import dev.poolbench.core.db.ForwardingConnection;
import dev.poolbench.core.db.SimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A pool's {@link DataSource} that counts the connections it has lent out and remembers the most at once:
 * the pool's peak, which one-a-second samples of its figures can miss (and an event-loop service, busy
 * between its samples, never shows). A connection is counted once the pool has lent it and uncounted just
 * before it goes back, so the count never exceeds what the pool really has out.
 */
final class LentConnections extends SimpleDataSource {

    private final DataSource pool;
    private final AtomicInteger lent = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    LentConnections(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = pool.getConnection();
        peak.accumulateAndGet(lent.incrementAndGet(), Math::max);
        return new Lent(connection);
    }

    /** The most connections lent out at once since the store opened. */
    int peak() {
        return peak.get();
    }

    private final class Lent extends ForwardingConnection {

        private boolean returned;

        Lent(Connection delegate) {
            super(delegate);
        }

        /** Uncounted before it goes back: counted after, another borrower could take it first and count it twice. */
        @Override
        public void close() throws SQLException {
            if (!returned) {
                returned = true;
                lent.decrementAndGet();
            }
            delegate.close();
        }
    }
}
