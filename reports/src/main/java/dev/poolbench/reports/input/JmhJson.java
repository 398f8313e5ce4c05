package dev.poolbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/** JMH's own JSON output ({@code -rf json}): an array of results. It carries no format field of its own. */
public final class JmhJson {

    private JmhJson() {
    }

    /** {@code node} when it looks like JMH's output; otherwise one line saying what was expected. */
    public static JsonNode require(JsonNode node, Path file) {
        if (!node.isArray()) {
            throw new InputException(file + ": not JMH JSON output (expected an array of results, as -rf json writes)");
        }
        for (JsonNode result : node) {
            if (!result.isObject() || !result.hasNonNull("benchmark") || !result.hasNonNull("mode")
                    || !result.has("primaryMetric") || !result.get("primaryMetric").has("score")) {
                throw new InputException(file + ": not JMH JSON output (every result needs benchmark, mode and primaryMetric.score)");
            }
        }
        return node;
    }
}
