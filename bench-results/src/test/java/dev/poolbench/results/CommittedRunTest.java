package dev.poolbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of a real run, as the run artifact in docs/runs/ carries them (written before the records existed),
 * read through their records and written back unchanged: the records say what the writers wrote.
 */
class CommittedRunTest {

    private static final Path RUN = Path.of("..", "docs", "runs", "2026-11-22-claims", "run.json.gz");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFileOfTheClaimsRunReadsAndWritesBackAsItWas() throws IOException {
        JsonNode run;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(RUN))) {
            run = JSON.readTree(in);
        }
        JsonNode jmh = run.get("jmh");
        int files = same(jmh.get("environment"), EnvironmentRecord.FORMAT) + same(jmh.get("pgbench"), NativeCeiling.FORMAT)
                + same(jmh.get("serverConnections"), ServerConnectionPoints.FORMAT)
                + same(jmh.get("poolSizing"), PoolSizingPeaks.FORMAT) + same(jmh.get("runStatus"), RunStatus.FORMAT)
                + same(jmh.get("faults"), Faults.FORMAT);
        JsonNode claims = run.get("load").get("claims");
        for (JsonNode result : claims.get("results")) {
            files += same(result.get("summary"), LoadSummary.FORMAT);
        }
        files += same(claims.get("calibration"), Calibration.FORMAT) + same(claims.get("environment"), EnvironmentRecord.FORMAT);

        assertThat(files).as("files in the artifact").isEqualTo(5 + 15 + 2);
    }

    private static <T> int same(JsonNode file, ResultFormat<T> format) throws IOException {
        if (file == null || file.isNull()) {
            return 0;
        }
        T record = ResultFiles.fromTree(file, format, RUN.toString());
        JsonNode written = JSON.readTree(JSON.writeValueAsString(ResultFiles.toTree(format, record)));
        assertThat(written).as(format.id()).isEqualTo(file);
        assertThat(written.toString()).as(format.id() + ", field order").isEqualTo(file.toString());
        return 1;
    }
}
