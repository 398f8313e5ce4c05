package dev.poolbench.reports;

import dev.poolbench.reports.fixtures.ClaimsLoadFixture;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Claims table when the claims run loaded both stacks (issue 17): each load claim's figure and verdict on the
 * reference stack, the one the claim is about, and on the Java service; where the verdicts differ, both stacks'
 * ops/sec and round trips a request for the runs the claim reads. Fixture summaries (no JMH: the database claims
 * are not this test's business).
 */
class ClaimsBothStacksTest {

    @Test
    void eachLoadClaimHasBothStacksFiguresAndWhereTheyDisagreeWhy(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("load").resolve("claims");
        Path reference = claims.resolve("reference");
        ClaimsLoadFixture.calibration(claims, 143, 2.28);
        // three repetitions on each stack, the later ones in r2/ and r3/ as ClaimsLoadRun writes them
        double[] baseline = {2.28, 2.30, 2.26};
        double[] javaPhase2 = {41, 41.4, 40.7};
        double[] referencePhase2 = {6, 6.2, 5.8};
        for (int i = 0; i < 3; i++) {
            String repetition = i == 0 ? "" : "r" + (i + 1);
            write(claims.resolve(repetition), "baseline", "queue 5+10, event-loop", baseline[i], 3.0);
            write(claims.resolve(repetition), "phase2", "queue 20+30, reactive", javaPhase2[i], 4.0);
            write(reference.resolve(repetition), "baseline", "queue 5+10, event-loop", baseline[i], 3.0);
            write(reference.resolve(repetition), "phase2", "queue 20+30, reactive", referencePhase2[i], 4.0);
        }

        String summary = Files.readString(Cli.generate(dir).resolveSibling("summary.md"));

        assertThat(summary).contains("| claim | source | claimed | reference stack: measured | reference stack: verdict | why"
                + " | Java service: measured | Java service: verdict | where the stacks disagree | from |");
        // 2.28, 2.30, 2.26: mean 2.28, standard deviation 0.02, t(0.975, 2) = 4.3027
        double half = 4.302652729749464 * 0.02 / Math.sqrt(3);
        assertThat(row(summary, "Limits all operations to ~2.28 ops/sec"))
                .contains("| " + Fmt.number(2.28) + " ops/sec [" + Fmt.number(2.28 - half) + "-" + Fmt.number(2.28 + half)
                        + ", 3 runs] | holds |")
                .endsWith("| - | load.claims.reference.results[baseline].summary.operationsPerSecond;"
                        + " load.claims.repetitions[].reference.results[baseline].summary.operationsPerSecond;"
                        + " load.claims.results[baseline].summary.operationsPerSecond;"
                        + " load.claims.repetitions[].results[baseline].summary.operationsPerSecond |");
        // 6 / 2.28 = 2.6x on the reference stack (its whole interval below the promised 10x); 41 / 2.28 = 18x on the Java service
        assertThat(row(summary, "Convert to Async"))
                .contains("| 6 ops/sec [" + Fmt.number(6 - 4.302652729749464 * 0.2 / Math.sqrt(3)) + "-"
                        + Fmt.number(6 + 4.302652729749464 * 0.2 / Math.sqrt(3)) + ", 3 runs], " + Fmt.number(6 / 2.28) + "x [")
                .contains("| partly |")
                .contains("| 41 ops/sec [").contains(", " + Fmt.number(41.4 / 2.30) + "x [").contains("| holds |")
                .contains("phase2: " + Fmt.number(6.0) + " ops/sec on the reference stack, " + Fmt.number(41.0)
                        + " on the Java service (" + Fmt.number(4.0) + " and " + Fmt.number(4.0) + " round trips a request)")
                .contains("The same round trips a request: the difference is each stack's own work per request");
        assertThat(summary).contains("Both stacks ran every load configuration at the same round trip");
    }

    @Test
    void theFixedRoundTripPassIsATableOfBothStacksFiguresAndFactors(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("load").resolve("claims");
        ClaimsLoadFixture.calibration(claims, 141, 2.28);
        write(claims, "baseline", "queue 5+10, event-loop", 2.28, 3.0);
        write(claims.resolve("reference"), "baseline", "queue 5+10, event-loop", 2.28, 3.0);
        Path pass = claims.resolve("rtt-20ms");
        write(pass, "baseline", "queue 5+10, event-loop", 14.09, 3.0);
        write(pass, "phase2", "queue 20+30, reactive", 152.67, 4.93);
        write(pass.resolve("reference"), "baseline", "queue 5+10, event-loop", 14.19, 3.0);
        write(pass.resolve("reference"), "phase2", "queue 20+30, reactive", 118.41, 5.8);

        String summary = Files.readString(Cli.generate(dir).resolveSibling("summary.md"));

        assertThat(summary).contains("**At a fixed 20 ms round trip**").contains("| configuration | reference stack: ops/sec"
                + " | x baseline | round trips a request | OK % | Java service: ops/sec | x baseline | round trips a request | OK % |");
        assertThat(row(summary, "| phase2 |")).isEqualTo("| phase2 | " + Fmt.number(118.41) + " | " + Fmt.number(118.41 / 14.19)
                + "x | " + Fmt.number(5.8) + " | 100 | " + Fmt.number(152.67) + " | " + Fmt.number(152.67 / 14.09) + "x | "
                + Fmt.number(4.93) + " | 100 |");
        assertThat(row(summary, "| baseline | " + Fmt.number(14.19))).contains("| - |");
    }

    /** A fixture summary with {@code perRequest} database round trips a request. */
    private static void write(Path folder, String name, String label, double ops, double perRequest) throws Exception {
        Files.createDirectories(folder);
        LoadSummary s = ClaimsLoadFixture.summary(folder, name, label, ops, 1.0, 1);
        LoadSummary counted = new LoadSummary(s.simulation(), s.configuration(),
                folder.toString().contains("reference") ? LoadSummary.REFERENCE : LoadSummary.JAVA, s.service(),
                s.load(), s.startedAt(), s.endedAt(), s.durationMs(), s.requests(), s.successRate(), s.throughputRps(),
                s.operations(), s.operationsPerSecond(), s.latencyMs(), s.byRequest(), s.errors(), s.pool(),
                new LoadSummary.RoundTrips(143, Math.round(perRequest * s.requests().total()), perRequest, 0, 10), s.cache(),
                s.poolSamples(), s.gatlingReport());
        ResultFiles.write(folder.resolve(name + ".json"), LoadSummary.FORMAT, counted);
    }

    private static String row(String summary, String claimWords) {
        return Arrays.stream(summary.split("\n")).filter(l -> l.startsWith("| ") && l.contains(claimWords)).findFirst()
                .orElseThrow(() -> new AssertionError("no claims row for: " + claimWords + "\n" + summary));
    }
}
