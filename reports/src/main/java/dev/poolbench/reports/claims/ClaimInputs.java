package dev.poolbench.reports.claims;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.model.Faults;
import dev.poolbench.reports.model.JmhResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the claims are judged on: the JMH results, the claims run's load summaries by name
 * ({@code baseline}, {@code phase1}, ..., as in run.json's {@code load.claims.results}), its
 * calibration, whether the server had a JIT provider, and the fault scenarios (the lost-writes probe).
 */
public record ClaimInputs(List<JmhResult> jmh, Map<String, JsonNode> load, Optional<JsonNode> calibration,
                          Optional<Boolean> jitAvailable, Optional<Faults> faults) {

    /**
     * The JMH result of {@code shortName} at {@code threads} whose parameters include {@code params}; a
     * wanted {@code default} also matches a result recorded before that parameter existed.
     */
    Optional<JmhResult> jmh(String shortName, int threads, Map<String, String> params) {
        Predicate<JmhResult> matches = r -> r.shortName().equals(shortName) && r.threads() == threads
                && params.entrySet().stream().allMatch(p -> p.getValue().equals(r.params().getOrDefault(p.getKey(), "default")));
        return jmh.stream().filter(matches).findFirst();
    }

    Optional<JsonNode> load(String name) {
        return Optional.ofNullable(load.get(name));
    }

    /** Todo operations per second of a load summary (requests per second for files without the field). */
    public static double operationsPerSecond(JsonNode summary) {
        JsonNode ops = summary.get("operationsPerSecond");
        return ops != null && ops.isNumber() ? ops.asDouble() : summary.path("throughputRps").asDouble();
    }
}
