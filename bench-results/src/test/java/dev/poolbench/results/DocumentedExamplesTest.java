package dev.poolbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/result-files.md cannot drift from the records: every JSON example in it is read here, bound to the
 * record of its {@code format}, written back, and must come out the same, field for field, in the same order,
 * with the same number types (a whole number where the writer writes a long, a decimal where it writes a double).
 */
class DocumentedExamplesTest {

    private static final Path DOC = Path.of("..", "docs", "result-files.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The run artifact is reports' own, read as a tree there: its example stays descriptive. */
    private static final String RUN_ARTIFACT = "poolbench-run/1";

    static List<ResultFormat<?>> formats() {
        return List.of(LoadSummary.FORMAT, Calibration.FORMAT, Faults.FORMAT, RunStatus.FORMAT, PoolSizingPeaks.FORMAT,
                ServerConnectionPoints.FORMAT, EnvironmentRecord.FORMAT, NativeCeiling.FORMAT, ServiceFaults.FORMAT,
                Sizing.FORMAT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    <T> void theDocumentedExampleIsWrittenBackAsItIs(ResultFormat<T> format, @TempDir Path dir) throws IOException {
        JsonNode example = examples().get(format.id());
        assertThat(example).as("an example of " + format.id() + " in " + DOC).isNotNull();

        T record = ResultFiles.fromTree(example, format, DOC.toString());
        JsonNode written = JSON.readTree(JSON.writeValueAsString(ResultFiles.toTree(format, record)));

        assertThat(written).as("the example bound to %s and written back", format.type().getSimpleName()).isEqualTo(example);
        assertThat(written.toString()).as("field order").isEqualTo(example.toString());
        assertThat(example.toString()).as("an example with nothing left out").doesNotContain("\"...\"");

        Path file = dir.resolve(format.fileName() == null ? "summary.json" : format.fileName());
        ResultFiles.write(file, format, record);
        assertThat(ResultFiles.read(file, format)).isEqualTo(record);
        assertThat(JSON.readTree(file.toFile())).isEqualTo(example);
    }

    @Test
    void everyExampleIsOfAKnownFormatAndEachFormatHasOne() throws IOException {
        List<String> known = new ArrayList<>(formats().stream().map(ResultFormat::id).toList());
        known.add(RUN_ARTIFACT);
        List<String> documented = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            documented.add(JSON.readTree(m.group(1)).path("format").asText());
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(known);
    }

    private static Map<String, JsonNode> examples() throws IOException {
        Map<String, JsonNode> byFormat = new LinkedHashMap<>();
        Matcher m = JSON_BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            JsonNode example = JSON.readTree(m.group(1));
            byFormat.put(example.path("format").asText(), example);
        }
        return byFormat;
    }
}
