package dev.poolbench.pools;

import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What does it cost just to get a connection and give it back?
 *
 * <p>Seed 000 ({@code 000_469104e625027c17.txt}) weighs NullPool's "slight connection overhead per
 * request" against StaticPool's "no connection overhead" but "single connection bottleneck". Here
 * {@code none} pays a TCP connect, authentication and a new server backend per borrow, {@code static}
 * (StaticPool) lends its one connection to every thread at once, {@code single} makes every thread queue
 * for one connection, and {@code queue}, {@code hikari} and the other libraries' pools show what a real pool's
 * bookkeeping costs (Overhead measures that bookkeeping alone, without the server). Read the score as borrows
 * per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Acquire {

    @State(Scope.Benchmark)
    public static class Pool {

        @Param({"none", "static", "single", "queue", "hikari", "dbcp2", "agroal", "vibur", "tomcat", "c3p0"})
        public String strategy;

        @Param({"10"})
        public int poolSize;

        @Param({"0"})
        public int maxOverflow;

        /** none, pgbouncer-session or pgbouncer-transaction: what a borrow costs behind PgBouncer (see Query). */
        @Param({"none"})
        public String pooler;

        PoolerLayer layer;
        PoolUnderTest pool;

        @Setup(Level.Trial)
        public void startPooler(BenchDatabase db) {
            layer = PoolerLayer.open(db, pooler);
        }

        @TearDown(Level.Trial)
        public void stopPooler() {
            layer.close();
        }

        @Setup(Level.Iteration)
        public void open(BenchDatabase db, BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
            PoolSettings settings = PoolSettings.of(PoolStrategy.parse("strategy", strategy))
                    .withPoolSize(poolSize).withMaxOverflow(maxOverflow);
            pool = PoolUnderTest.open(db, layer, settings, Map.of(), benchmark, iteration);
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            pool.close();
        }
    }

    @Benchmark
    public Connection acquire(Pool pool) throws SQLException {
        Connection connection = pool.pool.dataSource().getConnection();
        connection.close();
        return connection;
    }
}
