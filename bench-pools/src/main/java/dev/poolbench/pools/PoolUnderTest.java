package dev.poolbench.pools;

import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.pool.Pools;
import dev.poolbench.core.probe.ServerConnectionCounts;
import dev.poolbench.core.probe.ServerConnections;
import dev.poolbench.pools.runner.ServerConnectionsLog;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One iteration's pool, plus a sampler that watches from the server's side what it costs the
 * database (pg_stat_activity: active, idle, total backends), so the report can show the connections
 * each strategy holds, not just its speed.
 */
final class PoolUnderTest implements AutoCloseable {

    private static final AtomicInteger ITERATION = new AtomicInteger();
    private static final long SAMPLE_EVERY_MS = 100;

    private final ConnectionPool pool;
    private final ServerConnections probe;
    private final Thread sampler;
    private final BenchmarkParams benchmark;
    private final IterationParams iteration;
    private volatile boolean sampling = true;
    private int samples;
    private int peakTotal;
    private long sumActive;
    private long sumIdle;
    private long sumTotal;

    private PoolUnderTest(ConnectionPool pool, ServerConnections probe, BenchmarkParams benchmark,
                          IterationParams iteration) {
        this.pool = pool;
        this.probe = probe;
        this.benchmark = benchmark;
        this.iteration = iteration;
        this.sampler = new Thread(this::sample, "poolbench-server-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    static PoolUnderTest open(BenchDatabase db, PoolSettings settings, Map<String, String> pgjdbc,
                              BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
        return open(db, PoolerLayer.direct(db), settings, pgjdbc, benchmark, iteration);
    }

    /**
     * The pool connects through {@code layer} (PgBouncer, say); the sampler still counts backends on the server
     * itself, where PgBouncer's server connections carry the pool's application name (PgBouncer passes it on).
     */
    static PoolUnderTest open(BenchDatabase db, PoolerLayer layer, PoolSettings settings, Map<String, String> pgjdbc,
                              BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
        String label = settings.strategy().spelling() + "-" + ITERATION.incrementAndGet();
        var connections = db.connections(layer.route(), label, pgjdbc);
        ServerConnections probe = new ServerConnections(db.database(), connections.applicationName());
        return new PoolUnderTest(Pools.create(settings, connections), probe, benchmark, iteration);
    }

    DataSource dataSource() {
        return pool.dataSource();
    }

    private void sample() {
        while (sampling) {
            try {
                ServerConnectionCounts counts = probe.sample();
                synchronized (this) {
                    samples++;
                    peakTotal = Math.max(peakTotal, counts.total());
                    sumActive += counts.active();
                    sumIdle += counts.idle();
                    sumTotal += counts.total();
                }
                Thread.sleep(SAMPLE_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                return; // the sampler is a witness, never a reason for a benchmark to fail
            }
        }
    }

    @Override
    public void close() throws SQLException {
        sampling = false;
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PoolStats stats = pool.stats();
        pool.close();
        probe.close();
        if (iteration.getType() == IterationType.MEASUREMENT) {
            synchronized (this) {
                ServerConnectionsLog.append(benchmark, samples, peakTotal, mean(sumActive), mean(sumIdle),
                        mean(sumTotal), stats);
            }
        }
    }

    private double mean(long sum) {
        return samples == 0 ? 0 : (double) sum / samples;
    }
}
