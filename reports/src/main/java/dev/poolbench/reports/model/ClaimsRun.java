package dev.poolbench.reports.model;

import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The claims run's load part (mvn verify -Pclaims): every summary by its name ({@code baseline},
 * {@code phase1}, ...), the calibration that chose the round trip, and the run's environment. Each
 * claim reads the few fields it needs and names them in its evidence.
 *
 * @param summaries          the Java service's runs ({@code claims/<name>.json}): the first repetition
 * @param referenceSummaries the same runs on the reference stack, FastAPI + SQLAlchemy
 *                           ({@code claims/reference/<name>.json}); empty when it did not run
 * @param passes             the runs repeated at a fixed round trip ({@code claims/rtt-20ms/}), to show how the
 *                           figures move with the network; none when there was no such pass
 * @param repetitions        the second and later repetitions of the runs ({@code claims/r2/},
 *                           {@code claims/reference/r2/}, ...); none in a run of one repetition, or one written
 *                           before repetitions
 */
public record ClaimsRun(Map<String, LoadSummary> summaries, Optional<Calibration> calibration, Optional<Environment> environment,
                        Map<String, LoadSummary> referenceSummaries, List<Pass> passes, List<Repetition> repetitions) {

    /** A claims run of one repetition. */
    public ClaimsRun(Map<String, LoadSummary> summaries, Optional<Calibration> calibration, Optional<Environment> environment,
                     Map<String, LoadSummary> referenceSummaries, List<Pass> passes) {
        this(summaries, calibration, environment, referenceSummaries, passes, List.of());
    }

    /** A claims run of the Java service alone. */
    public ClaimsRun(Map<String, LoadSummary> summaries, Optional<Calibration> calibration, Optional<Environment> environment) {
        this(summaries, calibration, environment, Map.of(), List.of());
    }

    /** The runs of one fixed-round-trip pass: {@code rttMs} in front of each service, both stacks' summaries by name. */
    public record Pass(long rttMs, Map<String, LoadSummary> summaries, Map<String, LoadSummary> referenceSummaries) {
    }

    /** Repetition {@code number} (2 or more) of the runs, both stacks' summaries by name. */
    public record Repetition(int number, Map<String, LoadSummary> summaries, Map<String, LoadSummary> referenceSummaries) {
    }

    /**
     * "compact pass" when these are the main job's compact pass (load-runs' {@code ClaimsLoadRun --scale=compact}:
     * a fifth of the seed's load, a fixed round trip, one run, one stack), which its verdicts are marked with; empty for
     * a claims run at the seed's load.
     */
    public Optional<String> compactScale() {
        if (environment.isEmpty() || !"compact".equals(environment.get().parameters().get("scale"))) {
            return Optional.empty();
        }
        return Optional.of("compact pass");
    }

    /** Every run of each configuration on the Java service, by repetition number (1: {@link #summaries}). */
    public Map<String, SortedMap<Integer, LoadSummary>> runs() {
        return byRepetition(summaries, Repetition::summaries);
    }

    /** Every run of each configuration on the reference stack, by repetition number. */
    public Map<String, SortedMap<Integer, LoadSummary>> referenceRuns() {
        return byRepetition(referenceSummaries, Repetition::referenceSummaries);
    }

    private Map<String, SortedMap<Integer, LoadSummary>> byRepetition(Map<String, LoadSummary> first,
                                                                       Function<Repetition, Map<String, LoadSummary>> later) {
        Map<String, SortedMap<Integer, LoadSummary>> runs = new LinkedHashMap<>();
        first.forEach((name, s) -> runs.computeIfAbsent(name, n -> new TreeMap<>()).put(1, s));
        for (Repetition r : repetitions) {
            later.apply(r).forEach((name, s) -> runs.computeIfAbsent(name, n -> new TreeMap<>()).put(r.number(), s));
        }
        return runs;
    }
}
