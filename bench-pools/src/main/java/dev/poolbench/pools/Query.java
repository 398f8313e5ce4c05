package dev.poolbench.pools;

import dev.poolbench.core.db.Jit;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoRepository;
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

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Which strategy serves the seed API's {@code GET /api/todo/{id}} fastest, and at what tail latency?
 *
 * <p>Borrow, SELECT one todo by primary key, give back: the unit of work of every request in the
 * seeds' services. {@code throughput} gives queries per second; {@code latency} samples every call so
 * p50/p99/p99.9 come out too. The runner also times {@code pgbench} on the same SELECT and server at the
 * same client counts: the native ceiling this JVM-plus-pool stack is measured against.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
public class Query {

    /** The todos the SELECT reads: this many rows, ids 1..rows. */
    public static final int ROWS = 10_000;

    @State(Scope.Benchmark)
    public static class Todos {

        @Param({"none", "static", "single", "queue", "hikari", "dbcp2", "agroal", "vibur", "tomcat", "c3p0"})
        public String strategy;

        @Param({"5"})
        public int poolSize;

        @Param({"10"})
        public int maxOverflow;

        /** On, every borrow costs one more round trip: how much does seed 004's pool_pre_ping cost? */
        @Param({"false"})
        public boolean prePing;

        /** The session's JIT (seed 002 turns it off "for small queries"): default, on or off. */
        @Param({"default"})
        public String jit;

        /**
         * What sits between the pool and the server (issue 14): none, pgbouncer-session or pgbouncer-transaction
         * (PgBouncer with its default pool of 20 server connections; pgjdbc with prepareThreshold=0 in transaction
         * mode). "queue" with "pgbouncer-transaction" is SQLAlchemy's QueuePool behind PgBouncer.
         */
        @Param({"none"})
        public String pooler;

        PoolerLayer layer;
        PoolUnderTest pool;
        TodoRepository todos;

        @Setup(Level.Trial)
        public void seed(BenchDatabase db) throws SQLException {
            db.prepareTodos(ROWS, false);
        }

        @Setup(Level.Trial)
        public void startPooler(BenchDatabase db) {
            if (!pooler.equals("none") && !jit.equals("default")) {
                // the JIT is set in the startup packet's options, which PgBouncer does not pass on
                throw new IllegalArgumentException("jit = " + jit + " cannot be set through pooler = " + pooler
                        + " (PgBouncer does not pass on the startup options); use jit=default with a pooler");
            }
            layer = PoolerLayer.open(db, pooler);
        }

        @TearDown(Level.Trial)
        public void stopPooler() {
            layer.close();
        }

        @Setup(Level.Iteration)
        public void open(BenchDatabase db, BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
            PoolSettings settings = PoolSettings.of(PoolStrategy.parse("strategy", strategy))
                    .withPoolSize(poolSize).withMaxOverflow(maxOverflow).withPrePing(prePing);
            pool = PoolUnderTest.open(db, layer, settings, Jit.parameter("jit", jit).connectionProperties(), benchmark,
                    iteration);
            todos = new TodoRepository(pool.dataSource());
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            pool.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public Optional<Todo> throughput(Todos t) throws SQLException {
        return t.todos.find(ThreadLocalRandom.current().nextLong(1, ROWS + 1));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<Todo> latency(Todos t) throws SQLException {
        return t.todos.find(ThreadLocalRandom.current().nextLong(1, ROWS + 1));
    }
}
