package dev.poolbench.reports;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.probe.EnvironmentProbe;
import dev.poolbench.reports.fixtures.ClaimsLoadFixture;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: the main job's compact claims pass (load-runs' {@code ClaimsLoadRun --scale=compact}: every configuration
 * once, 40 users, a fixed 20 ms round trip, the reference stack alone) is judged on the stack it ran, each load verdict
 * marked with the pass's scale, and the baseline's 2.28 ops/sec reached by extrapolating its round trips, as no
 * calibration ran. Fixture summaries; no JMH, so the database claims stay unmeasured and unmarked.
 */
class ClaimsCompactPassTest {

    @Test
    void aCompactPassOnTheReferenceStackIsJudgedThereAndEveryLoadVerdictSaysItsScale(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("load").resolve("claims");
        Path reference = claims.resolve("reference");
        Files.createDirectories(reference);
        ResultFiles.write(claims.resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                EnvironmentProbe.record("load-scenarios", TestDatabase.get(),
                        Map.of("run", "claims", "scale", "compact", "rttMs", 20, "repetitions", 1)));
        write(reference, "baseline", "queue 5+10, event-loop", 13.70, 3.0);
        write(reference, "phase2", "queue 20+30, reactive", 27.43, 9.66);

        String summary = Files.readString(Cli.generate(dir).resolveSibling("summary.md"));

        assertThat(summary).contains("| claim | source | claimed | reference stack: measured | reference stack: verdict | why"
                + " | from |").doesNotContain("Java service: verdict");
        assertThat(summary).contains("Load verdicts from the main job's compact pass: every configuration once, 40 users at"
                + " once and 10 follow-ups instead of the seed's 200 and 50, at a fixed 20 ms round trip, on the reference"
                + " stack (FastAPI + SQLAlchemy) alone.");
        assertThat(summary).contains("; indicative: 2 on a load figure of one run at the compact pass's smaller load.");
        // 20 ms + (1000 / 2.28 - 1000 / 13.70) / 3.0 round trips a request = 141.9 ms
        assertThat(row(summary, "Limits all operations to ~2.28 ops/sec"))
                .contains("| indicative (compact pass, 1 run): holds |")
                .contains("made " + Fmt.number(13.70) + " ops/sec [1 run, no interval] at a 20 ms round trip with "
                        + Fmt.number(3.0) + " round trips a request")
                .contains("when every round trip takes about 142 ms");
        // 27.43 / 13.70 = 2.0x, short of the promised 10-20x
        assertThat(row(summary, "Convert to Async")).contains(Fmt.number(27.43 / 13.70) + "x")
                .contains("| indicative (compact pass, 1 run): partly |");
        // a database claim is measured alike in any pass: not marked, and here not measured
        assertThat(row(summary, "2-5x improvement for filtered queries")).contains("| cannot be measured here |");
    }

    @Test
    void aCompactPassOnTheJavaServiceAloneIsJudgedThereAndSaysSo(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("load").resolve("claims");
        Files.createDirectories(claims);
        ResultFiles.write(claims.resolve(EnvironmentRecord.FORMAT.fileName()), EnvironmentRecord.FORMAT,
                EnvironmentProbe.record("load-scenarios", TestDatabase.get(),
                        Map.of("run", "claims", "scale", "compact", "rttMs", 20, "repetitions", 1)));
        write(claims, "baseline", "queue 5+10, event-loop", 14.02, 3.0, LoadSummary.JAVA);
        write(claims, "phase2", "queue 20+30, reactive", 41.3, 5.5, LoadSummary.JAVA);

        String summary = Files.readString(Cli.generate(dir).resolveSibling("summary.md"));

        assertThat(summary).contains("| claim | source | claimed | measured | verdict | why | from |")
                .contains("at a fixed 20 ms round trip, on the Java service alone.");
        assertThat(row(summary, "Convert to Async")).contains("| indicative (compact pass, 1 run): partly |");
    }

    /** A fixture summary of the compact pass: 40 users, 10 follow-ups, {@code perRequest} round trips at 20 ms. */
    private static void write(Path folder, String name, String label, double ops, double perRequest) throws Exception {
        write(folder, name, label, ops, perRequest, LoadSummary.REFERENCE);
    }

    private static void write(Path folder, String name, String label, double ops, double perRequest, String stack)
            throws Exception {
        LoadSummary s = ClaimsLoadFixture.summary(folder, name, label, ops, 1.0, 1);
        LoadSummary compact = new LoadSummary(s.simulation(), s.configuration(), stack, s.service(),
                Map.of("level", "claims", "users", 40, "followUps", 10), s.startedAt(), s.endedAt(), s.durationMs(),
                s.requests(), s.successRate(), s.throughputRps(), s.operations(), s.operationsPerSecond(), s.latencyMs(),
                s.byRequest(), s.errors(), s.pool(), new LoadSummary.RoundTrips(20, Math.round(perRequest * s.requests().total()),
                perRequest, 0, 10), s.cache(), s.poolSamples(), s.gatlingReport());
        ResultFiles.write(folder.resolve(name + ".json"), LoadSummary.FORMAT, compact);
    }

    private static String row(String summary, String claimWords) {
        return Arrays.stream(summary.split("\n")).filter(l -> l.startsWith("| ") && l.contains(claimWords)).findFirst()
                .orElseThrow(() -> new AssertionError("no claims row for: " + claimWords + "\n" + summary));
    }
}
