package dev.poolbench.reports;

import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.RealRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test of compare, on real JMH runs against a real PostgreSQL: a run compared with
 * itself shows nothing significant; a run in which only queue was slowed (prePing: one more round
 * trip per borrow) is flagged for queue and for nothing else.
 */
class CompareRealRunsTest {

    /**
     * prePing adds a round trip to SELECT 1's one: about -50%. What the other builds on this machine
     * do to a run shifts it by up to about 20% through the 10 ms round trips (seen here at load 10 on
     * 2 cores); the threshold sits between.
     */
    private static final String THRESHOLD = "35";

    private static Path baselineRun;
    private static Path candidateRun;

    @BeforeAll
    static void runBoth() throws Exception {
        baselineRun = generate(RealRuns.baseline(), "report");
        candidateRun = generate(RealRuns.candidate(), "report");
    }

    static Path generate(Path runDir, String out) {
        Cli.Result r = Cli.run("generate", "--jmh", runDir.resolve("jmh").toString(), "--load", runDir.resolve("load").toString(),
                "--out", runDir.resolve(out).toString(), "--git-dir", ".");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return runDir.resolve(out).resolve("run.json");
    }

    @Test
    void aRunComparedWithItselfHasNoSignificantDifference() {
        Cli.Result r = Cli.run("compare", baselineRun.toString(), baselineRun.toString(), "--fail-on-regression", "0");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<String> rows = pointRows(r.out());
        assertThat(rows).hasSize(12); // 4 strategies x (throughput, sample-time mean, sample-time p99)
        assertThat(rows).allSatisfy(row -> assertThat(row).contains(" ~ (p=1.000 n=" + RealRuns.ITERATIONS + "+" + RealRuns.ITERATIONS + ")"));
        assertThat(r.out()).contains("0 of 12 shared points differ significantly (0 worse, 0 better)")
                .contains("no significant slowdown beyond 0%").doesNotContain("only in");
    }

    @Test
    void onlyTheReallySlowedStrategyIsFlagged() throws Exception {
        Cli.Result r = Cli.run("compare", baselineRun.toString(), candidateRun.toString(), "--ignore", "prePing",
                "--fail-on-regression", THRESHOLD);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<String> regressions = Arrays.stream(r.out().split("\n")).filter(l -> l.contains("REGRESSION"))
                .collect(Collectors.toList());
        assertThat(regressions).hasSize(1);
        assertThat(regressions.get(0)).contains("strategy=" + RealRuns.SLOWED).contains("thrpt");
        assertThat(r.out()).contains("1 significant slowdown beyond " + THRESHOLD + "%:");
        // the candidate ran throughput only: the baseline's sample-time points are listed, not dropped
        assertThat(r.out()).contains("only in baseline (8):");
        assertThat(Files.readString(candidateRun.resolveSibling("compare.html")))
                .contains("strategy=" + RealRuns.SLOWED).contains("Only in baseline (8)");
    }

    @Test
    void withoutIgnoringThePrePingParameterTheSlowedPointsDoNotMatch() {
        Cli.Result r = Cli.run("compare", baselineRun.toString(), candidateRun.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("only in candidate (1):")
                .containsPattern("only in candidate \\(1\\):\\n  Query.throughput thrpt threads=1 jit=default maxOverflow=10 poolSize=5 prePing=true strategy=queue");
    }

    /** The table rows of compare's output that name a point (not the headers, geomean or lists). */
    static List<String> pointRows(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith("Query.")).collect(Collectors.toList());
    }
}
