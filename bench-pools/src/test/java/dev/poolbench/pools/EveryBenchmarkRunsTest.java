package dev.poolbench.pools;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.Jit;
import dev.poolbench.core.db.PgBouncer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import dev.poolbench.pools.runner.DatabaseHandoff;
import dev.poolbench.pools.runner.Profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every benchmark method, run once in this JVM against the real test database with tiny iterations,
 * so a broken benchmark fails {@code mvn test} and not only the long run.
 */
class EveryBenchmarkRunsTest {

    private static final String EVERY_STRATEGY = "none,static,single,queue,hikari,dbcp2,agroal,vibur,tomcat,c3p0";

    private static DatabaseHandoff handoff;

    /** As the runner hands its database to the forks: an owner-only file, deleted when these tests end. */
    @BeforeAll
    static void handTheTestDatabaseToTheBenchmarks() throws IOException {
        handoff = DatabaseHandoff.write(TestDatabase.get(), Path.of("target"));
        System.setProperty(DatabaseHandoff.PROPERTY, handoff.file().toString());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        System.clearProperty(DatabaseHandoff.PROPERTY);
        if (handoff != null) {
            handoff.close();
        }
    }

    @Test
    void acquireRunsForEveryStrategy() throws RunnerException {
        List<RunResult> results = run("Acquire.acquire", 2, "strategy=" + EVERY_STRATEGY);

        assertThat(results).extracting(r -> r.getParams().getParam("strategy"))
                .containsExactlyInAnyOrder(EVERY_STRATEGY.split(","));
        assertPositiveScores(results);
    }

    @Test
    void queryThroughputAndLatencyRunForEveryStrategy() throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        String strategies = "none,static,queue,hikari,dbcp2,agroal,vibur,tomcat,c3p0";
        results.addAll(run("Query.throughput", 2, "strategy=" + strategies));
        results.addAll(run("Query.latency", 2, "strategy=" + strategies));

        assertThat(results).hasSize(18);
        assertPositiveScores(results);
        RunResult latency = results.get(9);
        assertThat(latency.getPrimaryResult().getStatistics().getPercentile(99)).isPositive();
    }

    /** Issue 14: SQLAlchemy's "QueuePool vs NullPool behind PgBouncer", in miniature. */
    @Test
    void queryAndAcquireRunBehindPgBouncerInBothModes() throws RunnerException {
        assumeTrue(PgBouncer.unavailable().isEmpty(), () -> "PgBouncer benchmarks skipped: " + PgBouncer.unavailable().get());
        List<RunResult> results = new ArrayList<>();
        results.addAll(run("Query.throughput", 2, "strategy=none,queue", "pooler=pgbouncer-session,pgbouncer-transaction"));
        results.addAll(run("Acquire.acquire", 2, "strategy=none", "pooler=pgbouncer-transaction"));
        results.addAll(run("PoolSizing.shot", 1, "strategy=queue", "poolSize=2", "callers=4", "pooler=pgbouncer-transaction"));

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1") + " "
                        + r.getParams().getParam("strategy") + " + " + r.getParams().getParam("pooler"))
                .containsExactlyInAnyOrder("Query.throughput none + pgbouncer-session", "Query.throughput queue + pgbouncer-session",
                        "Query.throughput none + pgbouncer-transaction", "Query.throughput queue + pgbouncer-transaction",
                        "Acquire.acquire none + pgbouncer-transaction", "PoolSizing.shot queue + pgbouncer-transaction");
        assertPositiveScores(results);
    }

    @Test
    void aJitSettingBehindPgBouncerIsRefusedSayingWhy() {
        assumeTrue(PgBouncer.unavailable().isEmpty(), () -> "PgBouncer benchmarks skipped: " + PgBouncer.unavailable().get());
        assertThatThrownBy(() -> run("Query.throughput", 1, "strategy=queue", "jit=off", "pooler=pgbouncer-transaction"))
                .isInstanceOf(RunnerException.class)
                .hasStackTraceContaining("jit = off cannot be set through pooler = pgbouncer-transaction");
    }

    @Test
    void insertRunsEveryModeAndCountsTheRowsItWrites() throws RunnerException {
        List<RunResult> results = run("Insert.insert", 1, "insertMode=single,batch,multirow,copy",
                "batchSize=10", "rewrite=false,true");

        assertThat(results).hasSize(8);
        assertPositiveScores(results);
        for (RunResult r : results) {
            Result<?> rows = r.getSecondaryResults().get("rows");
            assertThat(rows).as("rows counter").isNotNull();
            // every call writes batchSize rows: rows/s is ten times calls/s
            assertThat(rows.getScore()).isCloseTo(10 * r.getPrimaryResult().getScore(),
                    org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void filterQueryRunsWithAndWithoutIndexes() throws RunnerException {
        List<RunResult> results = run("FilterQuery.list", 1, "indexed=true,false", "rows=2000");

        assertThat(results).extracting(r -> r.getParams().getParam("indexed")).containsExactlyInAnyOrder("true", "false");
        assertPositiveScores(results);
    }

    @Test
    void theJitParameterSetsTheSessionsJit() throws Exception {
        for (String jit : new String[] {"on", "off"}) {
            try (java.sql.Connection c = Jit.parameter("jit", jit).applyTo(TestDatabase.get().connections("pb-test-jit"))
                    .open();
                 java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('jit')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(jit);
            }
        }
        List<RunResult> results = run("Query.latency", 1, "strategy=hikari", "jit=on,off");
        assertThat(results).extracting(r -> r.getParams().getParam("jit")).containsExactlyInAnyOrder("on", "off");
        assertPositiveScores(results);
    }

    @Test
    void poolSizingRunsOverPoolSizes() throws RunnerException {
        List<RunResult> results = run("PoolSizing.shot", 1, "strategy=hikari,tomcat", "poolSize=1,4", "callers=4");

        assertThat(results).hasSize(4);
        assertPositiveScores(results);
    }

    /** Every strategy on the stub driver, in nanoseconds; how many is the benchmark's to say, not a test's (no time limit). */
    @Test
    void overheadRunsEveryStrategyOnTheStubDriver() throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        results.addAll(run("Overhead.borrowReturn", 2, "strategy=" + EVERY_STRATEGY));
        results.addAll(run("Overhead.borrowStatementReturn", 2, "strategy=" + EVERY_STRATEGY));

        assertThat(results).hasSize(20);
        assertPositiveScores(results);
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getScoreUnit()).isEqualTo("ns/op");
        }
    }

    /** In a fork of its own: a failed setup leaves JMH's in-process state behind for the next run. */
    @Test
    void overheadOnVirtualThreadsRefusesPlatformThreads() {
        ChainedOptionsBuilder options = overhead(1, "strategy=queue", "threadKind=virtual");

        assertThatThrownBy(() -> new Runner(options.build()).run()).isInstanceOf(RunnerException.class);
    }

    @Test
    void threadKindVirtualSaysHowToRunItWhereTheBenchmarkThreadIsAPlatformThread() {
        assertThat(ThreadKind.virtualAvailable()).isEqualTo(Runtime.version().feature() >= 21);
        assertThatThrownBy(ThreadKind.VIRTUAL::requireCurrent)
                .hasMessageStartingWith("threadKind = virtual but this benchmark thread is a platform thread: run on"
                        + " JDK 21+ with -jvmArgsAppend -Djmh.executor=VIRTUAL");
    }

    /** JMH's virtual-thread executor serves the benchmark threads in a fork of its own (CI: Temurin 25, -Dgroups=jdk21). */
    @Test
    @Tag("jdk21")
    @EnabledForJreRange(min = JRE.JAVA_21)
    void overheadRunsOnVirtualThreads() throws RunnerException {
        int threads = ThreadKind.virtualThreadCounts().get(ThreadKind.virtualThreadCounts().size() - 1);
        ChainedOptionsBuilder options = overhead(threads, "strategy=queue,hikari,agroal", "threadKind=virtual")
                .jvmArgsAppend(ThreadKind.VIRTUAL_EXECUTOR);
        List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());

        assertThat(results).hasSize(3);
        assertThat(results).extracting(r -> r.getParams().getParam("threadKind")).containsOnly("virtual");
        assertPositiveScores(results);
    }

    /** Overhead.borrowReturn in a fork of its own, one 300 ms iteration per point. */
    private static ChainedOptionsBuilder overhead(int threads, String... params) {
        return options("dev\\.poolbench\\.pools\\.Overhead\\.borrowReturn$", 1, threads, params);
    }

    /** One in-process run: no fork, no warmup, one 300 ms iteration per point; params as {@code -p} takes them. */
    private static List<RunResult> run(String benchmark, int threads, String... params) throws RunnerException {
        Collection<RunResult> results = new Runner(options("dev\\.poolbench\\.pools\\." + benchmark + "$", 0, threads,
                params).build()).run();
        return new ArrayList<>(results);
    }

    private static ChainedOptionsBuilder options(String include, int forks, int threads, String... params) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(forks)
                .threads(threads)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .shouldFailOnError(true);
        Profile.params(params).forEach(options::param);
        return options;
    }

    private static void assertPositiveScores(List<RunResult> results) {
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            assertThat(score).as(r.getParams().getBenchmark() + " " + r.getParams()).isFinite().isPositive();
        }
    }
}
