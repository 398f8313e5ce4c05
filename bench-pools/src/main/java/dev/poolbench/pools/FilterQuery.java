package dev.poolbench.pools;

import dev.poolbench.core.db.Jit;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoFilter;
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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How much do seed 001's indexes speed up the filtered list, and how does that change as the table grows?
 *
 * <p>Seed 001 expects "2-5x improvement for filtered queries" from indexes on completed, priority,
 * created_at and (completed, priority). Each call is the seed API's
 * {@code GET /api/todo?completed=&priority=&limit=50}: a random completed flag and priority, newest
 * first. The score is the average time per query.
 *
 * <p>With {@code jit} on and off, the unindexed list over 1,000,000 rows also shows seed 002's JIT setting on a
 * query whose cost passes jit_above_cost, beside Query's primary-key lookup, whose cost never does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilterQuery {

    @State(Scope.Benchmark)
    public static class Table {

        @Param({"true", "false"})
        public boolean indexed;

        @Param({"10000", "100000"})
        public int rows;

        /**
         * The server's JIT for the pool's connections (seed 002 turns it off): {@code default}, {@code on} or
         * {@code off}. The unindexed list over a million rows is a query big enough for JIT to compile.
         */
        @Param({"default"})
        public String jit;

        PoolUnderTest pool;
        TodoRepository todos;

        @Setup(Level.Trial)
        public void seed(BenchDatabase db) throws SQLException {
            db.prepareTodos(rows, indexed);
        }

        @Setup(Level.Iteration)
        public void open(BenchDatabase db, BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
            pool = PoolUnderTest.open(db, PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(1).withMaxOverflow(0),
                    Jit.parameter("jit", jit).connectionProperties(), benchmark, iteration);
            todos = new TodoRepository(pool.dataSource());
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            pool.close();
        }
    }

    @Benchmark
    public List<Todo> list(Table t) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return t.todos.list(TodoFilter.of(random.nextBoolean(), random.nextInt(1, 6), 50, 0));
    }
}
