package dev.poolbench.loadruns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LoadResultTest {

    @Test
    void aWholeRunStartsFromAnEmptyResultsFolder(@TempDir Path target) throws Exception {
        Path results = target.resolve("load-results");
        Files.createDirectories(results.resolve("claims").resolve("calibration"));
        Files.writeString(results.resolve("TodoApiSimulation.json"), "{}");
        Files.writeString(results.resolve("TodoApiSimulation-service.log"), "listening");
        Files.writeString(results.resolve("claims").resolve("baseline.json"), "{}");
        Files.writeString(results.resolve("claims").resolve("calibration").resolve("probe-1.json"), "{}");
        Files.writeString(target.resolve("todo-service.jar"), "not ours to delete");

        LoadResult.clearEarlierRun(results);

        assertThat(results).isDirectory();
        try (Stream<Path> left = Files.list(results)) {
            assertThat(left).isEmpty();
        }
        assertThat(target.resolve("todo-service.jar")).hasContent("not ours to delete");
    }

    @Test
    void aFirstRunHasNothingToClear(@TempDir Path target) throws Exception {
        LoadResult.clearEarlierRun(target.resolve("load-results"));

        assertThat(target.resolve("load-results")).doesNotExist();
    }
}
