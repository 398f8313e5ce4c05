package dev.poolbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * The {@code format} field every poolbench JSON file carries (docs/result-files.md). A reader
 * accepts exactly the versions it knows and refuses anything else with one line.
 */
public final class Formats {

    public static final String RUN = "poolbench-run/1";
    public static final String LOAD_RESULT = "poolbench-load-result/1";
    public static final String ENVIRONMENT = "poolbench-environment/1";
    public static final String PGBENCH = "poolbench-pgbench/1";
    public static final String SERVER_CONNECTIONS = "poolbench-server-connections/1";
    public static final String POOL_SIZING = "poolbench-pool-sizing/1";
    public static final String RUN_STATUS = "poolbench-run-status/1";
    public static final String FAULTS = "poolbench-faults/1";
    public static final String CALIBRATION = "poolbench-calibration/1";

    private Formats() {
    }

    /** {@code node} when its format is {@code expected}; otherwise a one-line refusal naming {@code file}. */
    public static JsonNode require(JsonNode node, String expected, Path file) {
        String kind = expected.substring(0, expected.indexOf('/'));
        JsonNode format = node.isObject() ? node.get("format") : null;
        if (format == null || !format.isTextual()) {
            throw new InputException(file + ": not a " + kind + " file (no \"format\" field; expected \"" + expected + "\")");
        }
        String actual = format.asText();
        if (actual.equals(expected)) {
            return node;
        }
        if (actual.startsWith(kind + "/")) {
            throw new InputException(file + ": format \"" + actual + "\" is not supported; this version of poolbench reads \""
                    + expected + "\"");
        }
        throw new InputException(file + ": not a " + kind + " file (format \"" + actual + "\"; expected \"" + expected + "\")");
    }
}
