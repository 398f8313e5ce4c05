package dev.poolbench.pools;

import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.TodoSchema;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For a fixed number of callers (16 or 64), which pool size gives the most throughput?
 *
 * <p>Seed 001 expects a bigger pool (5+10 to 20+30) to give "3-5x"; seed 000 shrank its pool to 2+1
 * for CPU's sake. HikariCP's sizing rule says connections = cores x 2 + effective spindles. Each call
 * runs an aggregate that costs the server a few milliseconds of CPU; the runner writes the measured
 * peak per caller count beside the formula's prediction ({@code pool-sizing.json}).
 *
 * <p>One measured shot: {@code callers} threads share {@value #CALLS} calls through the pool, each
 * taking the next call as soon as it finishes one; the score is the time the shot took, and
 * throughput is {@value #CALLS} / that time. The callers are this benchmark's own threads, not JMH's:
 * JMH sums each thread's calls over that thread's own window, and a caller that spent the start of an
 * iteration blocked on the pool enters late and adds thousands of "calls per second" that never
 * happened (seen: 4,206 calls/s from one connection serving a 3 ms query).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PoolSizing {

    static final int ROWS = 20_000;

    /** Calls per measured shot: enough that the last few, when fewer callers than connections are busy, hardly count. */
    public static final int CALLS = 400;

    /** A sequential scan and aggregate over the table: CPU work on the server, no I/O once cached. */
    static final String AGGREGATE = "SELECT count(*), avg(priority), max(created_at) FROM " + TodoSchema.TABLE
            + " WHERE completed = ? AND title LIKE ?";

    @State(Scope.Benchmark)
    public static class Sized {

        /** The pool, fixed-size (maxOverflow 0); HikariCP's, whose sizing rule this checks, unless told otherwise. */
        @Param({"hikari"})
        public String strategy;

        @Param({"1", "2", "4", "8", "16", "32"})
        public int poolSize;

        @Param({"16", "64"})
        public int callers;

        /**
         * What sits between the pool and the server (issue 14): none, pgbouncer-session or pgbouncer-transaction,
         * PgBouncer with its default pool of {@value dev.poolbench.core.db.PgBouncer#DEFAULT_POOL_SIZE} server
         * connections, so app-side sizes above it share those.
         */
        @Param({"none"})
        public String pooler;

        PoolerLayer layer;
        PoolUnderTest pool;
        ExecutorService callerThreads;

        @Setup(Level.Trial)
        public void seed(BenchDatabase db) throws SQLException {
            db.prepareTodos(ROWS, false);
            layer = PoolerLayer.open(db, pooler);
            callerThreads = Executors.newFixedThreadPool(callers, r -> {
                Thread t = new Thread(r, "poolbench-caller");
                t.setDaemon(true);
                return t;
            });
        }

        @Setup(Level.Iteration)
        public void open(BenchDatabase db, BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
            // a fixed-size pool, as HikariCP's sizing advice assumes; callers beyond it wait
            PoolSettings settings = PoolSettings.of(PoolStrategy.parse("strategy", strategy)).withPoolSize(poolSize)
                    .withMaxOverflow(0)
                    .withPoolTimeout(Duration.ofMinutes(5));
            pool = PoolUnderTest.open(db, layer, settings, Map.of(), benchmark, iteration);
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            pool.close();
        }

        @TearDown(Level.Trial)
        public void stopCallers() {
            callerThreads.shutdownNow();
            layer.close();
        }
    }

    @Benchmark
    public long shot(Sized s) throws Exception {
        AtomicInteger remaining = new AtomicInteger(CALLS);
        List<Future<Long>> callers = new ArrayList<>(s.callers);
        for (int i = 0; i < s.callers; i++) {
            callers.add(s.callerThreads.submit(() -> {
                long rows = 0;
                while (remaining.getAndDecrement() > 0) {
                    rows += aggregate(s);
                }
                return rows;
            }));
        }
        long rows = 0;
        for (Future<Long> caller : callers) {
            rows += caller.get();
        }
        return rows;
    }

    private static long aggregate(Sized s) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = s.pool.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(AGGREGATE)) {
            ps.setBoolean(1, random.nextBoolean());
            ps.setString(2, "%" + random.nextInt(10) + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
