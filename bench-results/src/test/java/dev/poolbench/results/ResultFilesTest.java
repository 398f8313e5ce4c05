package dev.poolbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading refuses another kind of file or another version in one line; writing keeps nulls and leaves out what is absent. */
class ResultFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFileWithoutAFormatIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run-status.json"), "{\"complete\": true}");

        assertThatThrownBy(() -> ResultFiles.read(file, RunStatus.FORMAT)).isInstanceOf(ResultFileException.class)
                .hasMessage(file + ": not a poolbench-run-status file (no \"format\" field; expected \"poolbench-run-status/1\")");
    }

    @Test
    void anotherVersionIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("faults.json"), "{\"format\": \"poolbench-faults/2\"}");

        assertThatThrownBy(() -> ResultFiles.read(file, Faults.FORMAT))
                .hasMessage(file + ": format \"poolbench-faults/2\" is not supported; this version of poolbench reads \"poolbench-faults/1\"");
    }

    @Test
    void anotherKindOfFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pgbench.json"), "{\"format\": \"poolbench-faults/1\"}");

        assertThatThrownBy(() -> ResultFiles.read(file, NativeCeiling.FORMAT))
                .hasMessage(file + ": not a poolbench-pgbench file (format \"poolbench-faults/1\"; expected \"poolbench-pgbench/1\")");
    }

    @Test
    void aFieldOfTheWrongShapeNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pool-sizing.json"), "{\"format\": \"poolbench-pool-sizing/1\", \"cores\": \"many\"}");

        assertThatThrownBy(() -> ResultFiles.read(file, PoolSizingPeaks.FORMAT))
                .hasMessageStartingWith(file + ": not a valid poolbench-pool-sizing/1 file (cores: ")
                .hasMessageEndingWith(")").hasMessageNotContaining("\n");
    }

    @Test
    void fieldsOfALaterWriterAreIgnored(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run-status.json"), "{\"format\": \"poolbench-run-status/1\", \"complete\": true,"
                + " \"interrupted\": false, \"startedAt\": \"2026-11-22T16:27:28Z\", \"endedAt\": null, \"plannedJmhRuns\": 8,"
                + " \"finishedJmhRuns\": 8, \"skippedJmhRuns\": 0}");

        assertThat(ResultFiles.read(file, RunStatus.FORMAT)).isEqualTo(new RunStatus(true, false, "2026-11-22T16:27:28Z", null, 8, 8));
    }

    @Test
    void theFormatComesFirstAndNullsAreWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("status").resolve(RunStatus.FORMAT.fileName());

        ResultFiles.write(file, RunStatus.FORMAT, new RunStatus(false, false, "2026-11-22T16:27:28Z", null, 8, 0));

        JsonNode written = JSON.readTree(file.toFile());
        assertThat(written.fieldNames()).toIterable().containsExactly("format", "complete", "interrupted", "startedAt",
                "endedAt", "plannedJmhRuns", "finishedJmhRuns");
        assertThat(written.get("endedAt").isNull()).isTrue();
    }

    /** A summary of a service without a read cache has no cache at all; a pool without a capacity has no usage. */
    @Test
    void aLoadSummaryLeavesOutTheCacheItDoesNotHave() {
        LoadSummary.Pool pool = new LoadSummary.Pool("none", 0, 20, null, 2.9, 0, 20, 0, 57);
        LoadSummary summary = new LoadSummary("TodoApiSimulation", "seed000-null", null, Map.of(), "2026-11-22T16:34:31Z",
                "2026-11-22T16:38:52Z", 260977L, new LoadSummary.Requests(600, 600, 0), 1.0, 2.3, 600L, 2.299,
                new LoadSummary.Latency(null, null, null, null, null, null, null), List.of(), List.of(), pool, null,
                List.of(), "index.html");

        JsonNode tree = ResultFiles.toTree(LoadSummary.FORMAT, summary);

        assertThat(tree.has("cache")).isFalse();
        assertThat(tree.get("pool").get("peakUsage").isNull()).isTrue();
        assertThat(tree.get("latencyMs").isEmpty()).as("no responses, no latencies").isTrue();
    }

    /** A summary written before {@code pool} and {@code operations} existed reads, and is written back as it was. */
    @Test
    void anEarlierSummaryOfTheSameVersionIsWrittenBackWithoutTheLaterFields() throws Exception {
        JsonNode earlier = JSON.readTree("{\"format\": \"poolbench-load-result/1\", \"simulation\": \"TodoApiSimulation\","
                + " \"configuration\": \"baseline\", \"service\": {\"pool\": \"queue\", \"poolSize\": 5, \"maxOverflow\": 10,"
                + " \"poolTimeoutMs\": 30000, \"recycleMs\": 0, \"prePing\": false, \"indexes\": \"off\", \"cacheTtlMs\": 0,"
                + " \"execution\": \"event-loop\", \"label\": \"queue 5+10\"}, \"load\": {\"level\": \"smoke\", \"users\": 20},"
                + " \"startedAt\": \"2026-11-20T10:00:00Z\", \"endedAt\": \"2026-11-20T10:00:10Z\","
                + " \"requests\": {\"total\": 100, \"ok\": 100, \"ko\": 0}, \"successRate\": 1.0, \"throughputRps\": 10.0,"
                + " \"latencyMs\": {\"min\": 1, \"mean\": 2.5, \"p50\": 2, \"p75\": 3, \"p95\": 4, \"p99\": 5, \"max\": 6},"
                + " \"byRequest\": [], \"errors\": [], \"poolSamples\": [], \"gatlingReport\": \"index.html\"}");

        LoadSummary summary = ResultFiles.fromTree(earlier, LoadSummary.FORMAT, "earlier.json");

        assertThat(summary.operationsPerSecond()).isNull();
        assertThat(summary.pool()).isNull();
        assertThat(JSON.readTree(JSON.writeValueAsString(ResultFiles.toTree(LoadSummary.FORMAT, summary)))).isEqualTo(earlier);
    }
}
