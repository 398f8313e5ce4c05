package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.RealRuns;
import dev.poolbench.reports.fixtures.ReportRun;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.Fmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files bench-pools' runner writes beside JMH's JSON (docs/result-files.md): pgbench.json,
 * server-connections.json, pool-sizing.json, run-status.json. The JMH results are real; these four
 * are TEST FIXTURES in the documented formats, with made-up figures chosen to be recognisable, since
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
        Files.writeString(jmh.resolve("pgbench.json"), "{\"format\": \"poolbench-pgbench/1\", \"pgbenchVersion\": \"15.18\","
                + " \"script\": \"SELECT ... WHERE id = :id\", \"protocol\": \"prepared\", \"points\": [{\"clients\": 1,"
                + " \"threads\": 1, \"seconds\": 3, \"tps\": [45000, 46000, 45500], \"latencyAverageMs\": [0.088, 0.087, 0.088],"
                + " \"meanTps\": 45500}]}");
        Files.writeString(jmh.resolve("server-connections.json"), "{\"format\": \"poolbench-server-connections/1\", \"points\": ["
                + "{\"benchmark\": \"dev.poolbench.pools.Query.throughput\", \"mode\": \"thrpt\", \"threads\": 4,"
                + " \"params\": {\"strategy\": \"hikari\", \"poolSize\": \"5\", \"maxOverflow\": \"10\", \"prePing\": \"false\"},"
                + " \"iterations\": 3, \"peakTotal\": 9, \"meanActive\": 0.25, \"meanIdle\": 6.5, \"meanTotal\": 7.1, \"opened\": 17, \"timeouts\": 0},"
                + "{\"benchmark\": \"dev.poolbench.pools.Insert.insert\", \"mode\": \"thrpt\", \"threads\": 1,"
                + " \"params\": {\"insertMode\": \"copy\", \"batchSize\": \"100\", \"rewrite\": \"false\"},"
                + " \"iterations\": 3, \"peakTotal\": 1, \"meanActive\": 0.5, \"meanIdle\": 0.5, \"meanTotal\": 1, \"opened\": 3, \"timeouts\": 0}]}");
        Files.writeString(jmh.resolve("pool-sizing.json"), "{\"format\": \"poolbench-pool-sizing/1\", \"cores\": 3, \"spindles\": 0,"
                + " \"formula\": \"cores x 2 + effective spindles\", \"byCallers\": []}");
        Files.writeString(jmh.resolve("run-status.json"), "{\"format\": \"poolbench-run-status/1\", \"complete\": false,"
                + " \"interrupted\": true, \"startedAt\": \"2026-11-22T13:54:52Z\", \"endedAt\": \"2026-11-22T13:58:00Z\","
                + " \"plannedJmhRuns\": 8, \"finishedJmhRuns\": 3}");
        Files.writeString(jmh.resolve("faults.json"), "{\"format\": \"poolbench-faults/1\", \"outages\": []}");

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
