package dev.poolbench.reports.model;

import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;

import java.util.Map;
import java.util.Optional;

/**
 * The claims run's load part (mvn verify -Pclaims): every summary by its name ({@code baseline},
 * {@code phase1}, ...), the calibration that chose the round trip, and the run's environment. Each
 * claim reads the few fields it needs and names them in its evidence.
 */
public record ClaimsRun(Map<String, LoadSummary> summaries, Optional<Calibration> calibration, Optional<Environment> environment) {
}
