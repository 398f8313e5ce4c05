package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.fixtures.ClaimsLoadFixture;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.LoadSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18.3: the load figures of a claims run of three repetitions, as ClaimsLoadRun writes them ({@code claims/},
 * {@code claims/r2/}, {@code claims/r3/}), each shown in the Claims table with its 95% interval and its number of
 * runs, the intervals worked out here by hand; a configuration that ran once, and a committed run of one
 * repetition, marked indicative.
 */
class ClaimsRepetitionsTest {

    /** Student's t at 0.975 with 2 degrees of freedom: a 95% interval from 3 runs (from any t table). */
    private static final double T_2 = 4.302652729749464;

    @TempDir
    static Path dir;
    private static String summary;
    private static JsonNode artifact;

    @BeforeAll
    static void aClaimsRunOfThreeRepetitions() throws Exception {
        Path claims = dir.resolve("load").resolve("claims");
        ClaimsLoadFixture.calibration(claims, 429, 2.1);
        LoadSummary.Pool pool = new LoadSummary.Pool("queue", 15, 14, 14 / 15.0, 12.5, 0, 15, 0, 3);
        double[] baseline = {2.1, 2.3, 2.2};
        double[] phase2 = {60, 66, 63};
        int[] p95 = {1500, 2500, 1900};
        for (int r = 1; r <= 3; r++) {
            Path folder = r == 1 ? claims : claims.resolve("r" + r);
            ClaimsLoadFixture.summary(folder, "baseline", "queue 5+10, event-loop", baseline[r - 1], 1.0, 1);
            ClaimsLoadFixture.summary(folder, "phase2", "queue 20+30, reactive", phase2[r - 1], 1.0, 3);
            ClaimsLoadFixture.summary(folder, "seed004", "queue 5+10, pre-ping, cache", 30, 1.0, 4, pool, null, p95[r - 1]);
        }
        // a configuration whose later repetitions failed: one run
        ClaimsLoadFixture.summary(claims, "phase1", "queue 20+30, event-loop, indexes on", 2.4, 1.0, 1);

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", dir.resolve("no-jmh").toString(), "--load", dir.resolve("load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        summary = Files.readString(out.resolve("summary.md"));
        artifact = Json.read(out.resolve("run.json"));
    }

    @Test
    void aLoadFigureIsTheMedianOfItsRunsWithTheirTInterval() {
        // 2.1, 2.3, 2.2: mean 2.2, standard deviation 0.1
        double half = T_2 * 0.1 / Math.sqrt(3);
        assertThat(row("Limits all operations to ~2.28 ops/sec"))
                .contains("| 2.200 ops/sec [" + Fmt.number(2.2 - half) + "-" + Fmt.number(2.2 + half) + ", 3 runs] |")
                .contains("[1.952-2.448, 3 runs]")
                .contains("| holds |");
    }

    @Test
    void aFactorPairsTheRunsByRepetitionAndTakesItsIntervalOnTheLogs() {
        double[] logs = {Math.log(60 / 2.1), Math.log(66 / 2.3), Math.log(63 / 2.2)};
        double mean = (logs[0] + logs[1] + logs[2]) / 3;
        double sd = Math.sqrt(Arrays.stream(logs).map(l -> (l - mean) * (l - mean)).sum() / 2);
        double half = T_2 * sd / Math.sqrt(3);
        double[] ratios = {60 / 2.1, 66 / 2.3, 63 / 2.2};
        Arrays.sort(ratios);
        double opsHalf = T_2 * 3 / Math.sqrt(3); // 60, 66, 63: median and mean 63 (a whole number, shown as one), standard deviation 3
        assertThat(row("Convert to Async"))
                .contains("63 ops/sec [" + Fmt.number(63 - opsHalf) + "-" + Fmt.number(63 + opsHalf) + ", 3 runs], "
                        + Fmt.number(ratios[1]) + "x [" + Fmt.number(Math.exp(mean - half)) + "-" + Fmt.number(Math.exp(mean + half))
                        + ", 3 runs] over baseline's 2.200 ops/sec [1.952-2.448, 3 runs]; 100% OK [100-100, 3 runs]")
                // about 28.6x, its whole interval above the promised 10-20x: a real improvement, larger than promised
                .contains("| partly |")
                .contains("load.claims.results[phase2].summary.operationsPerSecond")
                .contains("load.claims.repetitions[].results[phase2].summary.operationsPerSecond");
    }

    @Test
    void aThresholdWhoseIntervalReachesBothSidesIsUndecided() {
        // p95 1500, 2500, 1900 ms: median 1,900, mean 1,966.7, the interval reaching both sides of the seed's 2000 ms
        double mean = (1500 + 2500 + 1900) / 3.0;
        double sd = Math.sqrt((Math.pow(1500 - mean, 2) + Math.pow(2500 - mean, 2) + Math.pow(1900 - mean, 2)) / 2);
        double half = T_2 * sd / Math.sqrt(3);
        assertThat(row("'query_response_time'"))
                .contains("| p95 1,900 ms [" + Fmt.number(mean - half) + "-" + Fmt.number(mean + half) + ", 3 runs] |")
                .contains("| undecided |").contains("reaches both sides of 2,000");
        // the same peak in every run: an interval of no width, wholly above the limit
        assertThat(row("'concurrent_connections'")).contains("15 at peak [15-15, 3 runs]").contains("| does not hold |");
        assertThat(row("'error_rate'")).contains("0% failed [0-0, 3 runs]").contains("| holds |");
    }

    @Test
    void aFigureOfOneRunHasNoIntervalAndItsVerdictIsIndicative() {
        assertThat(row("Increase Connection Pool Size"))
                .contains("2.400 ops/sec [1 run, no interval], " + Fmt.number(2.4 / 2.1) + "x [1 run, no interval]")
                .contains("| indicative (1 run): partly |");
        assertThat(summary).contains("; indicative: 1 on a load figure of one run.")
                .contains("The claims run ran each load configuration 3 times, interleaved");
    }

    @Test
    void runJsonCarriesTheRepetitionsSoThatAReportFromItAloneHasTheIntervals() throws Exception {
        JsonNode repetitions = artifact.at("/load/claims/repetitions");
        assertThat(repetitions).hasSize(2);
        assertThat(repetitions.get(0).path("repetition").asInt()).isEqualTo(2);
        assertThat(repetitions.get(1).path("repetition").asInt()).isEqualTo(3);
        assertThat(repetitions.get(1).at("/results/0/file").asText()).isEqualTo("baseline.json");
        assertThat(repetitions.get(1).at("/results/0/summary/operationsPerSecond").asDouble()).isEqualTo(2.2);

        Path again = dir.resolve("again");
        Report.write(artifact, again, 1);
        assertThat(Files.readString(again.resolve("summary.md"))).isEqualTo(summary);
    }

    @Test
    void aCommittedRunOfOneRepetitionStillRendersItsVerdictsAsIndicative() throws Exception {
        JsonNode old;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("..", "docs", "runs", "2026-11-30-claims", "run.json.gz")))) {
            old = Json.MAPPER.readTree(in);
        }
        assertThat(old.at("/load/claims").has("repetitions")).isFalse();
        Path out = dir.resolve("old");
        Report.write(old, out, 1);
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("The claims run ran each load configuration once: its load figures have no interval")
                .contains("[1 run, no interval]")
                .contains("indicative (1 run): ");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && l.contains("Convert to Async")).findFirst().orElseThrow())
                .contains("[1 run, no interval]");
    }

    private static String row(String claimWords) {
        return Arrays.stream(summary.split("\n")).filter(l -> l.startsWith("| ") && l.contains(claimWords)).findFirst()
                .orElseThrow(() -> new AssertionError("no claims row for: " + claimWords + "\n" + summary));
    }
}
