package dev.poolbench.pools;

import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.todo.InsertMode;
import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.TodoGenerator;
import dev.poolbench.core.todo.TodoRepository;
import org.openjdk.jmh.annotations.AuxCounters;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How many rows per second does each way of writing reach?
 *
 * <p>Seed 001 ({@code 001_3526cb4212328631.txt}) expects "10-50x improvement for bulk operations" over
 * one INSERT per row. Each call writes {@code batchSize} rows in one transaction the way
 * {@code insertMode} says; {@code rewrite} turns on pgjdbc's {@code reWriteBatchedInserts}, which only
 * changes {@code batch}. The primary score is transactions per second; the {@code rows} counter is
 * rows per second, the figure to compare.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Insert {

    @State(Scope.Benchmark)
    public static class Writes {

        @Param({"single", "batch", "multirow", "copy"})
        public String insertMode;

        @Param({"1", "10", "100", "1000"})
        public int batchSize;

        @Param({"false", "true"})
        public boolean rewrite;

        InsertMode mode;
        List<NewTodo> rows;
        PoolUnderTest pool;
        TodoRepository todos;

        @Setup(Level.Trial)
        public void prepare(BenchDatabase db) throws SQLException {
            mode = InsertMode.parse("insertMode", insertMode);
            rows = new TodoGenerator(7).next(batchSize, 1);
            db.todos().setIndexes(false);
        }

        @Setup(Level.Iteration)
        public void open(BenchDatabase db, BenchmarkParams benchmark, IterationParams iteration) throws SQLException {
            db.todos().reset(); // each iteration writes into an empty table, so none is slowed by the ones before
            pool = PoolUnderTest.open(db, PoolSettings.of(PoolStrategy.HIKARI).withPoolSize(1).withMaxOverflow(0),
                    Map.of("reWriteBatchedInserts", Boolean.toString(rewrite)), benchmark, iteration);
            todos = new TodoRepository(pool.dataSource());
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            pool.close();
        }
    }

    /** Rows written, reported by JMH as a rate beside the primary score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rows {

        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    @Benchmark
    public int insert(Writes w, Rows counter) throws SQLException {
        int written = w.todos.insertAll(w.rows, w.mode);
        counter.rows += written;
        return written;
    }
}
