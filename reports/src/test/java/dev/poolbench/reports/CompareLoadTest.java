package dev.poolbench.reports;

import dev.poolbench.reports.fixtures.ClaimsLoadFixture;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.render.Fmt;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18.4: compare lists the load figures of two claims runs, each configuration's median over its repetitions
 * with Welch's t-test across them, and says "not tested" where a side has one run; --fail-on-regression fails on a
 * significant load slowdown as on a JMH one.
 */
class CompareLoadTest {

    @TempDir
    Path dir;

    @Test
    void compareListsEachLoadFigureWithItsChangeAndItsTest() throws Exception {
        Path baseline = claimsRun("baseline", new double[] {2.1, 2.3, 2.2}, 2.4);
        Path candidate = claimsRun("candidate", new double[] {3.0, 3.2, 3.1}, 2.6);

        Cli.Result r = Cli.run("compare", baseline.toString(), candidate.toString(), "--html", dir.resolve("compare.html").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // two sets of 3 with the same standard deviation, 0.1: Welch's t is 0.9 / sqrt(0.01/3 + 0.01/3), on 4 degrees of freedom
        double t = 0.9 / Math.sqrt(0.02 / 3);
        double p = 2 * TDistribution.of(4).survivalProbability(t);
        assertThat(Cli.line(r.out(), "claims baseline ops/sec")).matches("claims baseline ops/sec +2\\.200 \\[1\\.952-2\\.448, 3 runs\\]"
                + " +3\\.100 \\[2\\.852-3\\.348, 3 runs\\] +\\+40\\.9% +p=" + Fmt.pValue(p) + " n=3\\+3");
        // the same p95 in every run of both: no difference at all
        assertThat(Cli.line(r.out(), "claims baseline p95 ms")).matches("claims baseline p95 ms +1,500 \\[1,500-1,500, 3 runs\\]"
                + " +1,500 \\[1,500-1,500, 3 runs\\] +\\+0\\.0% +~ p=1\\.000 n=3\\+3");
        assertThat(Cli.line(r.out(), "claims phase1 ops/sec")).matches("claims phase1 ops/sec +2\\.400 \\[1 run, no interval\\]"
                + " +2\\.600 \\[1 run, no interval\\] +\\+8\\.3% +not tested \\(1 run\\)");
        assertThat(r.out()).contains("1 of 6 load figures differ significantly (0 worse, 1 better); 3 not tested, one run on a side");
        assertThat(Files.readString(dir.resolve("compare.html"))).contains("Load figures").contains("not tested (1 run)");
    }

    @Test
    void aSignificantLoadSlowdownBeyondTheThresholdFailsCompare() throws Exception {
        Path faster = claimsRun("faster", new double[] {3.0, 3.2, 3.1}, 2.6);
        Path slower = claimsRun("slower", new double[] {2.1, 2.3, 2.2}, 1.3);
        Path html = dir.resolve("compare.html");

        // baseline's ops/sec 3.100 down to 2.200: 29.0% fewer, significant; phase1's 50% drop is one run a side, not tested
        Cli.Result failed = Cli.run("compare", faster.toString(), slower.toString(), "--fail-on-regression", "10", "--html", html.toString());
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
        assertThat(failed.out()).contains("1 significant slowdown beyond 10%:")
                .contains("  REGRESSION claims baseline ops/sec: 29.0% slower (baseline 3.100 [2.852-3.348, 3 runs], candidate 2.200"
                        + " [1.952-2.448, 3 runs], p=")
                .doesNotContain("REGRESSION claims phase1");

        Cli.Result passed = Cli.run("compare", faster.toString(), slower.toString(), "--fail-on-regression", "30", "--html", html.toString());
        assertThat(passed.exitCode()).as(passed.out()).isZero();
        assertThat(passed.out()).contains("no significant slowdown beyond 30%");

        Cli.Result better = Cli.run("compare", slower.toString(), faster.toString(), "--fail-on-regression", "0", "--html", html.toString());
        assertThat(better.exitCode()).as("an improvement is no regression: " + better.out()).isZero();
    }

    @Test
    void aRunWithoutLoadResultsIsSaidNotToBeCompared() throws Exception {
        Path baseline = claimsRun("baseline", new double[] {2.1, 2.3, 2.2}, 2.4);
        Path jmhOnly = Files.createDirectories(dir.resolve("empty"));
        Cli.Result generated = Cli.run("generate", "--jmh", jmhOnly.resolve("jmh").toString(), "--load",
                jmhOnly.resolve("load").toString(), "--out", jmhOnly.resolve("report").toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();

        Cli.Result r = Cli.run("compare", baseline.toString(), jmhOnly.resolve("report").resolve("run.json").toString(),
                "--html", dir.resolve("compare.html").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("load figures not compared: only the baseline has load results")
                .doesNotContain("claims baseline ops/sec");
    }

    /** A claims run of baseline's three repetitions and phase1's one, through generate: its run.json. */
    private Path claimsRun(String name, double[] baselineOps, double phase1Ops) throws Exception {
        Path claims = dir.resolve(name).resolve("load").resolve("claims");
        ClaimsLoadFixture.calibration(claims, 429, baselineOps[0]);
        for (int i = 0; i < baselineOps.length; i++) {
            ClaimsLoadFixture.summary(i == 0 ? claims : claims.resolve("r" + (i + 1)), "baseline", "queue 5+10, event-loop",
                    baselineOps[i], 1.0, 1);
        }
        ClaimsLoadFixture.summary(claims, "phase1", "queue 20+30, event-loop, indexes on", phase1Ops, 1.0, 1);
        return Cli.generate(dir.resolve(name));
    }
}
