package dev.poolbench.reports;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.probe.EnvironmentProbe;
import dev.poolbench.reports.fixtures.ClaimsLoadFixture;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18.4: compare sets the two runs' verdicts on every claim side by side, and --fail-on-verdict-change fails when a
 * verdict settled in both runs (measured, decided, not indicative) differs; an indicative or unmeasured one never does.
 */
class CompareVerdictsTest {

    @TempDir
    Path dir;

    @Test
    void compareSaysWhichSettledVerdictsAgreeAndFailsOnOneThatChangedWhenAsked() throws Exception {
        // phase 1 over the baseline, paired by repetition: about 1.18x (partly: real, short of 3-5x), then about 3.3x (holds)
        Path partly = claimsRun("partly", new double[] {2.1, 2.3, 2.2}, new double[] {2.5, 2.7, 2.6});
        Path holds = claimsRun("holds", new double[] {2.1, 2.3, 2.2}, new double[] {7.0, 7.6, 7.2});
        Path html = dir.resolve("compare.html");

        Cli.Result r = Cli.run("compare", partly.toString(), holds.toString(), "--html", html.toString());
        assertThat(r.exitCode()).as("without the flag a changed verdict is reported, not failed: " + r.out()).isZero();
        assertThat(Cli.line(r.out(), "seed001-phase1")).matches("seed001-phase1 +java +partly +holds +DISAGREE");
        assertThat(Cli.line(r.out(), "seed001-baseline")).matches("seed001-baseline +java +holds +holds +agree");
        // one run of seed 004's load a side: indicative, so not settled whatever it says
        assertThat(Cli.line(r.out(), "seed004-response")).matches("seed004-response +java +indicative \\(1 run\\): holds"
                + " +indicative \\(1 run\\): holds +not settled");
        assertThat(Cli.line(r.out(), "seed001-indexes")).matches("seed001-indexes +database +cannot be measured here"
                + " +cannot be measured here +not settled");
        assertThat(r.out()).contains("2 of 19 verdicts settled in both runs: 1 agree, 1 disagree");
        String page = Files.readString(html);
        assertThat(page.contains("Verdicts in both runs") && page.contains("DISAGREE")).as("compare.html's verdicts table").isTrue();

        Cli.Result failed = Cli.run("compare", partly.toString(), holds.toString(), "--fail-on-verdict-change", "--html",
                html.toString());
        assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
        assertThat(failed.out()).contains("1 settled verdict changed:")
                .contains("  VERDICT seed001-phase1 (java): partly in the baseline, holds in the candidate");

        Cli.Result same = Cli.run("compare", holds.toString(), holds.toString(), "--fail-on-verdict-change", "--html",
                html.toString());
        assertThat(same.exitCode()).as(same.out()).isZero();
        assertThat(same.out()).contains("2 of 19 verdicts settled in both runs: 2 agree, 0 disagree");
    }

    @Test
    void aCompactPassBesideASeedScaleRunIsComparedVerdictForVerdictButNotFigureForFigure() throws Exception {
        Path seedScale = claimsRun("seed", new double[] {2.1, 2.3, 2.2}, new double[] {2.5, 2.7, 2.6});
        Path compact = dir.resolve("compact");
        Path reference = compact.resolve("load").resolve("claims").resolve("reference");
        Files.createDirectories(reference);
        ResultFiles.write(reference.resolveSibling(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                EnvironmentProbe.record("load-scenarios", TestDatabase.get(), Map.of("run", "claims", "scale", "compact")));
        ClaimsLoadFixture.summary(reference, "baseline", "queue 5+10, event-loop", 13.7, 1.0, 1);
        ClaimsLoadFixture.summary(reference, "phase1", "queue 20+30, event-loop, indexes on", 10.5, 1.0, 1);

        Cli.Result r = Cli.run("compare", seedScale.toString(), Cli.generate(compact).toString(), "--fail-on-verdict-change",
                "--html", dir.resolve("compare.html").toString());

        assertThat(r.exitCode()).as("the compact pass's verdicts are indicative, never settled: " + r.out()).isZero();
        assertThat(r.out()).contains("claims load figures not compared: one run's are the main job's compact pass, the"
                + " other's the seed's load").doesNotContain("claims baseline ops/sec");
        assertThat(Cli.line(r.out(), "seed001-phase1")).matches("seed001-phase1 +java / reference +partly"
                + " +indicative \\(compact pass, 1 run\\): does not hold +not settled");
    }

    /** A claims run of the baseline's and phase 1's three repetitions, and seed 004's one, through generate: its run.json. */
    private Path claimsRun(String name, double[] baselineOps, double[] phase1Ops) throws Exception {
        Path claims = dir.resolve(name).resolve("load").resolve("claims");
        ClaimsLoadFixture.calibration(claims, 143, baselineOps[0]);
        for (int i = 0; i < baselineOps.length; i++) {
            Path folder = i == 0 ? claims : claims.resolve("r" + (i + 1));
            ClaimsLoadFixture.summary(folder, "baseline", "queue 5+10, event-loop", baselineOps[i], 1.0, 1);
            ClaimsLoadFixture.summary(folder, "phase1", "queue 20+30, event-loop, indexes on", phase1Ops[i], 1.0, 1);
        }
        ClaimsLoadFixture.summary(claims, "seed004", "queue 5+10, worker, cache 5m", 40, 1.0, 5);
        return Cli.generate(dir.resolve(name));
    }
}
