package dev.poolbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.Report;
import dev.poolbench.results.ResultFileException;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ResultFormat;

import java.nio.file.Path;

/**
 * The {@code format} field every poolbench JSON file carries (docs/result-files.md). The other modules'
 * formats are their records' ({@code dev.poolbench.results}); the run artifact is the reports' own, read
 * as a tree. A reader accepts exactly the versions it knows and refuses anything else with one line.
 */
public final class Formats {

    public static final ResultFormat<JsonNode> RUN = new ResultFormat<>("poolbench-run/1", Report.RUN_JSON, JsonNode.class);

    private Formats() {
    }

    /** {@code node} when its format is {@code expected}; otherwise a one-line refusal naming {@code file}. */
    public static JsonNode require(JsonNode node, ResultFormat<?> expected, Path file) {
        try {
            return ResultFiles.requireFormat(node, expected, file.toString());
        } catch (ResultFileException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** The record in {@code file}: a missing, unparsable or other kind of file is one line naming it. */
    public static <T> T read(Path file, ResultFormat<T> format) {
        try {
            return ResultFiles.fromTree(Json.read(file), format, file.toString());
        } catch (ResultFileException e) {
            throw new InputException(e.getMessage());
        }
    }
}
