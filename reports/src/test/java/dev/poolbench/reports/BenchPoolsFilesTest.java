package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.RealRuns;
import dev.poolbench.reports.fixtures.ReportRun;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.Faults;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.PoolSizingPeaks;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.RunStatus;
import dev.poolbench.results.ServerConnectionPoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files bench-pools' runner writes beside JMH's JSON (docs/result-files.md): pgbench.json,
 * server-connections.json, pool-sizing.json, run-status.json. The JMH results are real; these four
 * are TEST FIXTURES written through their records, with made-up figures chosen to be recognisable, since
 * the tests run the benchmarks through JMH's Runner rather than bench-pools' runner.
 */
class BenchPoolsFilesTest {

    @TempDir
    static Path dir;
    private static String summary;
    private static JsonNode run;

    @BeforeAll
    static void generate() throws Exception {
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        Path real = ReportRun.reportDir().getParent().getParent().getParent().resolve("bench-pools/target/jmh");
        Files.copy(real.resolve("results.json"), jmh.resolve("results.json"));
        Files.copy(real.resolve("environment.json"), jmh.resolve("environment.json"));
        ResultFiles.write(jmh.resolve(NativeCeiling.FORMAT.fileName()), NativeCeiling.FORMAT, new NativeCeiling("15.18",
                "SELECT ... WHERE id = :id", "prepared", List.of(new NativeCeiling.Point(1, 1, 3, List.of(45000.0, 46000.0, 45500.0),
                        List.of(0.088, 0.087, 0.088), 45500))));
        ResultFiles.write(jmh.resolve(ServerConnectionPoints.FORMAT.fileName()), ServerConnectionPoints.FORMAT,
                new ServerConnectionPoints(List.of(
                        new ServerConnectionPoints.Point("dev.poolbench.pools.Query.throughput", "thrpt", 4,
                                new TreeMap<>(Map.of("strategy", "hikari", "poolSize", "5", "maxOverflow", "10", "prePing", "false")),
                                3, 9, 0.25, 6.5, 7.1, 17, 0),
                        new ServerConnectionPoints.Point("dev.poolbench.pools.Insert.insert", "thrpt", 1,
                                new TreeMap<>(Map.of("insertMode", "copy", "batchSize", "100", "rewrite", "false")),
                                3, 1, 0.5, 0.5, 1, 3, 0))));
        ResultFiles.write(jmh.resolve(PoolSizingPeaks.FORMAT.fileName()), PoolSizingPeaks.FORMAT,
                new PoolSizingPeaks(3, 0, "cores x 2 + effective spindles", 400, List.of()));
        ResultFiles.write(jmh.resolve(RunStatus.FORMAT.fileName()), RunStatus.FORMAT,
                new RunStatus(false, true, "2026-11-22T13:54:52Z", "2026-11-22T13:58:00Z", 8, 3));
        ResultFiles.write(jmh.resolve(Faults.FORMAT.fileName()), Faults.FORMAT,
                new Faults(1500, 4000, 1000, 2000, List.of(), List.of(), List.of(), List.of()));

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        summary = Files.readString(out.resolve("summary.md"));
        run = Json.read(out.resolve("run.json"));
    }

    @Test
    void anInterruptedRunIsSaidAtTheTop() {
        assertThat(summary.substring(0, summary.indexOf("## Strategy comparison")))
                .contains("> This benchmark run did not complete (interrupted after 3 of 8 JMH runs): the JMH numbers below"
                        + " are what it measured before it stopped.");
    }

    @Test
    void pgbenchStandsBesideQueryAtTheSameClientCount() {
        JsonNode queue = null;
        for (JsonNode r : run.at("/jmh/results")) {
            if (r.get("benchmark").asText().endsWith("Query.throughput") && r.at("/params/strategy").asText().equals("queue")) {
                queue = r;
            }
        }
        assertThat(summary).contains("| 1 | pgbench 15.18 (prepared) | 45,500 tps (runs: 45,000, 46,000, 45,500) | 1 pgbench threads, 3 s per run |")
                .contains("| 1 | Query.throughput queue | " + Fmt.withError(queue.at("/primaryMetric/score").asDouble(),
                        queue.at("/primaryMetric/scoreError").asDouble()) + " ops/s | jit=default maxOverflow=10 poolSize=5 prePing=false, 1 thread |");
    }

    @Test
    void serverConnectionsArePerStrategyPoint() {
        assertThat(summary).contains("| Query.throughput thrpt | hikari | maxOverflow=10 poolSize=5 prePing=false, 4 threads | 9 | 0.250 | 6.500 | 17 | 0 |")
                .doesNotContain("| Insert.insert thrpt |");
    }

    @Test
    void thePredictionUsesBenchPoolsOwnCoresAndSpindles() {
        assertThat(summary).contains("> Prediction: cores x 2 + spindles = 3 x 2 + 0 = 6 connections (cores and spindles as bench-pools"
                + " recorded them in pool-sizing.json).");
        assertThat(summary).contains(" | " + String.join(", ", RealRuns.SWEEP_SIZES) + " | ").contains(" | 6 |");
    }

    @Test
    void faultScenariosAreKeptInTheArtifact() {
        assertThat(run.at("/jmh/faults/format").asText()).isEqualTo("poolbench-faults/1");
    }
}
