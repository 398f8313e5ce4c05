package dev.poolbench.reports.model;

import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims run's load part (mvn verify -Pclaims): every summary by its name ({@code baseline},
 * {@code phase1}, ...), the calibration that chose the round trip, and the run's environment. Each
 * claim reads the few fields it needs and names them in its evidence.
 *
 * @param summaries          the Java service's runs ({@code claims/<name>.json})
 * @param referenceSummaries the same runs on the reference stack, FastAPI + SQLAlchemy
 *                           ({@code claims/reference/<name>.json}); empty when it did not run
 * @param passes             the runs repeated at a fixed round trip ({@code claims/rtt-20ms/}), to show how the
 *                           figures move with the network; none when there was no such pass
 */
public record ClaimsRun(Map<String, LoadSummary> summaries, Optional<Calibration> calibration, Optional<Environment> environment,
                        Map<String, LoadSummary> referenceSummaries, List<Pass> passes) {

    /** A claims run of the Java service alone. */
    public ClaimsRun(Map<String, LoadSummary> summaries, Optional<Calibration> calibration, Optional<Environment> environment) {
        this(summaries, calibration, environment, Map.of(), List.of());
    }

    /** The runs of one fixed-round-trip pass: {@code rttMs} in front of each service, both stacks' summaries by name. */
    public record Pass(long rttMs, Map<String, LoadSummary> summaries, Map<String, LoadSummary> referenceSummaries) {
    }
}
