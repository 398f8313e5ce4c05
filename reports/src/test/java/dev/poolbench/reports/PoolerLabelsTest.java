package dev.poolbench.reports;

import dev.poolbench.core.db.PgBouncer;
import dev.poolbench.pools.Query;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.InProcessJmh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 14: a real Query run behind PgBouncer is told apart from the direct one, and its pgjdbc setting is said. */
class PoolerLabelsTest {

    @Test
    void pointsBehindPgBouncerAreLabelledWithTheirModeAndTransactionModesPrepareThresholdIsSaid(@TempDir Path dir)
            throws Exception {
        assumeTrue(PgBouncer.unavailable().isEmpty(), () -> "PgBouncer report test skipped: " + PgBouncer.unavailable().get());
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        InProcessJmh.againstTestDatabase(dir, () -> {
            new Runner(new OptionsBuilder()
                    .include(Pattern.quote(Query.class.getName() + ".throughput"))
                    .forks(0)
                    .threads(1)
                    .warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(300))
                    .param("strategy", "queue")
                    .param("pooler", "none", "pgbouncer-transaction")
                    .resultFormat(ResultFormatType.JSON)
                    .result(jmh.resolve("results.json").toString())
                    .shouldFailOnError(true)
                    .build()).run();
        });

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        String configuration = " | jit=default maxOverflow=10 poolSize=5 prePing=false, 1 thread | thrpt | ";
        assertThat(summary).contains("| Query.throughput | queue" + configuration)
                .contains("| Query.throughput | queue + pgbouncer-transaction" + configuration)
                .contains("Points marked \"+ pgbouncer-transaction\" ran behind PgBouncer in transaction mode")
                .contains("pgjdbc ran with prepareThreshold=0")
                .doesNotContain("pgbouncer-session");
        assertThat(Files.readString(out.resolve("index.html"))).contains("queue + pgbouncer-transaction");
    }
}
