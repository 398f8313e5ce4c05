package dev.poolbench.pools.sizing;

import dev.poolbench.core.db.ForwardingConnection;
import dev.poolbench.core.db.SimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * The pool under test as the callers see it, timing how long each borrowed connection is held: from
 * {@code getConnection()} returning to {@code close()}, the time the connection is unavailable to anyone else, which
 * is what Little's law multiplies by throughput. Hold times are summed per measured window ({@code window()}'s
 * answer; outside the windows nothing is kept).
 */
final class HeldConnections extends SimpleDataSource {

    private final DataSource pool;
    private final IntSupplier window;
    private final LongAdder[] nanos;
    private final LongAdder[] holds;

    HeldConnections(DataSource pool, int windows, IntSupplier window) {
        this.pool = pool;
        this.window = window;
        this.nanos = new LongAdder[windows];
        this.holds = new LongAdder[windows];
        for (int i = 0; i < windows; i++) {
            nanos[i] = new LongAdder();
            holds[i] = new LongAdder();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection borrowed = pool.getConnection();
        long since = System.nanoTime();
        return new ForwardingConnection(borrowed) {
            private boolean returned;

            @Override
            public void close() throws SQLException {
                if (!returned) {
                    returned = true;
                    int w = window.getAsInt();
                    if (w >= 0 && w < nanos.length) {
                        nanos[w].add(System.nanoTime() - since);
                        holds[w].increment();
                    }
                }
                super.close();
            }
        };
    }

    /** The mean hold of window {@code w}, in milliseconds; NaN when nothing was returned in it. */
    double meanHoldMs(int w) {
        long n = holds[w].sum();
        return n == 0 ? Double.NaN : nanos[w].sum() / 1e6 / n;
    }

    /** Every hold of every window, averaged, in milliseconds. */
    double meanHoldMs() {
        long n = 0;
        long total = 0;
        for (int i = 0; i < holds.length; i++) {
            n += holds[i].sum();
            total += nanos[i].sum();
        }
        return n == 0 ? Double.NaN : total / 1e6 / n;
    }
}
