package dev.poolbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * How the claims run found its database round trip ({@code claims/calibration.json}): probes at two or more
 * round trips, the line fitted through them ({@code seconds per operation = interceptSeconds + slope x rtt}), the
 * round trip solved for the target, and the runs that confirmed it. {@code summary} paths are relative to this
 * file's folder.
 *
 * @param stack     which service was calibrated ({@code java}, {@code reference}); null in a file from before there
 *                  were two: the Java service
 * @param probeLoad the probes' load knobs, as given
 * @param note      why the target was not met, or what was clamped; null when nothing is to be said
 */
public record Calibration(String configuration, @JsonInclude(JsonInclude.Include.NON_NULL) String stack,
                          String simulation, Target target, String model,
                          Map<String, String> probeLoad, List<Probe> probes, Fit fit, long solvedRttMs,
                          List<Confirmation> confirmations, long chosenRttMs, boolean reached, String note) {

    /** A calibration of the Java service, as written before {@code stack}. */
    public Calibration(String configuration, String simulation, Target target, String model, Map<String, String> probeLoad,
                       List<Probe> probes, Fit fit, long solvedRttMs, List<Confirmation> confirmations, long chosenRttMs,
                       boolean reached, String note) {
        this(configuration, null, simulation, target, model, probeLoad, probes, fit, solvedRttMs, confirmations,
                chosenRttMs, reached, note);
    }

    public static final ResultFormat<Calibration> FORMAT = new ResultFormat<>("poolbench-calibration/1", "calibration.json",
            Calibration.class);

    /** The rate to reach, how close counts (a fraction), and where the rate comes from. */
    public record Target(double operationsPerSecond, double tolerance, String source) {
    }

    public record Probe(long rttMs, long operations, double operationsPerSecond, double secondsPerOperation, String summary) {
    }

    /** {@code slope} is in seconds per second of round trip: about the round trips one request makes. */
    public record Fit(double interceptSeconds, double slope, int points) {
    }

    /** {@code deviation}: (measured - target) / target. */
    public record Confirmation(long rttMs, double operationsPerSecond, double deviation, boolean withinTolerance,
                               String summary) {
    }
}
