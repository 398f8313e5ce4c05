package dev.poolbench.reports.claims;

import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the claims are judged on: the JMH results, the claims run's load summaries by name
 * ({@code baseline}, {@code phase1}, ..., as in run.json's {@code load.claims.results}), its
 * calibration, and whether the server had a JIT provider.
 */
public record ClaimInputs(List<JmhResult> jmh, Map<String, LoadSummary> load, Optional<Calibration> calibration,
                          Optional<Boolean> jitAvailable) {

    /**
     * The JMH result of {@code shortName} at {@code threads} whose parameters include {@code params}; a
     * wanted {@code default} also matches a result recorded before that parameter existed.
     */
    Optional<JmhResult> jmh(String shortName, int threads, Map<String, String> params) {
        Predicate<JmhResult> matches = r -> r.shortName().equals(shortName) && r.threads() == threads
                && params.entrySet().stream().allMatch(p -> p.getValue().equals(r.params().getOrDefault(p.getKey(), "default")));
        return jmh.stream().filter(matches).findFirst();
    }

    Optional<LoadSummary> load(String name) {
        return Optional.ofNullable(load.get(name));
    }

    /** Todo operations per second of a load summary (requests per second for files without the field). */
    public static double operationsPerSecond(LoadSummary summary) {
        Double ops = summary.operationsPerSecond();
        return ops != null ? ops : summary.throughputRps();
    }
}
