package dev.poolbench.pools;

import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;
import dev.poolbench.pools.stub.StubDriver;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How many nanoseconds does the pool itself add, with the database taken away?
 *
 * <p>HikariCP's own benchmark measures pools this way: a stub JDBC driver ({@link StubDriver}) whose connections
 * answer at once, so the score is the pool's bookkeeping alone: its checkout, its reset on return, its wrappers
 * around connections and statements. {@code borrowReturn} borrows and gives back; {@code borrowStatementReturn}
 * also prepares, runs and reads Query's primary-key SELECT, as a request does. Read the scores beside Query's
 * microseconds against the real server: a pool that costs 200 ns is 0.2% of a 100 µs query.
 *
 * <p>{@code threadKind=virtual} runs JMH's threads as virtual threads: it needs JDK 21+ and
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL} (the runner adds both only on JDK 21+), and refuses to start
 * otherwise, so a result labelled virtual was measured on virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Overhead {

    @State(Scope.Benchmark)
    public static class Stubbed {

        @Param({"none", "static", "single", "queue", "hikari", "dbcp2", "agroal", "vibur", "tomcat", "c3p0"})
        public String strategy;

        /** Enough connections for every thread the profiles run with: waiting is not what this measures. */
        @Param({"16"})
        public int poolSize;

        @Param({"0"})
        public int maxOverflow;

        @Param({"platform"})
        public String threadKind;

        ConnectionPool pool;

        @Setup(Level.Iteration)
        public void open() throws SQLException {
            ThreadKind.parse(threadKind).requireCurrent();
            PoolSettings settings = PoolSettings.of(PoolStrategy.parse("strategy", strategy))
                    .withPoolSize(poolSize).withMaxOverflow(maxOverflow);
            pool = Pools.create(settings, PhysicalConnections.through(new StubDriver(), StubDriver.URL,
                    "poolbench-overhead-" + strategy));
        }

        @TearDown(Level.Iteration)
        public void close() {
            pool.close();
        }
    }

    @Benchmark
    public Connection borrowReturn(Stubbed s) throws SQLException {
        Connection connection = s.pool.dataSource().getConnection();
        connection.close();
        return connection;
    }

    @Benchmark
    public long borrowStatementReturn(Stubbed s) throws SQLException {
        try (Connection c = s.pool.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM poolbench.todos WHERE id = ?")) {
            ps.setLong(1, ThreadLocalRandom.current().nextLong(1, Query.ROWS + 1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
