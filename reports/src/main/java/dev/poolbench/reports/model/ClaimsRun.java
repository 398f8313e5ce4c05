package dev.poolbench.reports.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * The claims run's load part (mvn verify -Pclaims): every summary by its name ({@code baseline},
 * {@code phase1}, ...), the calibration that chose the round trip, and the run's environment. The
 * summaries stay JSON: each claim reads the few fields it needs and names them in its evidence.
 */
public record ClaimsRun(Map<String, JsonNode> summaries, Optional<JsonNode> calibration, Optional<Environment> environment) {
}
