package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.core.TestDatabase;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The calibration in miniature: tiny probes at two round trips, a fitted line, a solved round trip, and a
 * confirming run that lands on the target within the tolerance {@code calibration.json} states. The target
 * here is 5 ops/sec (about 190 ms a round trip) so the whole test takes under a minute.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RttCalibrationTest {

    @TempDir
    Path out;

    @Test
    void theChosenRoundTripReproducesTheTargetWithinTheStatedTolerance() throws Exception {
        LoadRun runner = LoadRun.over(TestDatabase.get(), out, null, LoadSettings.Level.CLAIMS);
        ServiceConfiguration baseline = ServiceConfiguration.BASELINE.withMoreFlags(List.of("--seed-rows", "200"));
        RttCalibration.Target target = new RttCalibration.Target(5.0, 0.15, "a test's target");
        Map<String, String> probeLoad = new LinkedHashMap<>(ClaimsLoadRun.SEED_SIZED);
        probeLoad.put("users", "6");
        Map<String, String> confirmLoad = new LinkedHashMap<>(ClaimsLoadRun.SEED_SIZED);
        confirmLoad.put("users", "12");
        Path results = out.resolve("load-results");

        RttCalibration.Outcome outcome = new RttCalibration(runner, results).calibrate(target, target.defaultProbes(),
                baseline, probeLoad, rtt -> new LoadRun.Plan("TodoApiSimulation", baseline.at(rtt), confirmLoad,
                        "claims/baseline", true), "claims");
        RttCalibration.write(results.resolve("claims/calibration.json"), outcome);

        JsonNode calibration = LoadResult.JSON.readTree(results.resolve("claims/calibration.json").toFile());
        assertThat(calibration.path("format").asText()).isEqualTo("poolbench-calibration/1");
        assertThat(calibration.path("probes")).hasSize(2);
        assertThat(calibration.path("probes").get(0).path("rttMs").asLong()).isEqualTo(50);
        assertThat(calibration.path("probes").get(1).path("rttMs").asLong()).isEqualTo(150);
        for (JsonNode probe : calibration.path("probes")) {
            JsonNode summary = LoadResult.JSON.readTree(results.resolve("claims").resolve(probe.path("summary").asText()).toFile());
            assertThat(probe.path("operationsPerSecond").asDouble()).isEqualTo(summary.path("operationsPerSecond").asDouble());
            assertThat(probe.path("operations").asLong()).isEqualTo(30);
        }
        assertThat(calibration.path("probes").get(0).path("operationsPerSecond").asDouble())
                .as("a shorter round trip serves more").isGreaterThan(calibration.path("probes").get(1).path("operationsPerSecond").asDouble());
        assertThat(calibration.path("fit").path("slope").asDouble()).as("round trips per request: a session's BEGIN, statement, COMMIT or ROLLBACK").isBetween(2.5, 3.5);

        double tolerance = calibration.path("target").path("tolerance").asDouble();
        JsonNode last = calibration.path("confirmations").get(calibration.path("confirmations").size() - 1);
        assertThat(calibration.path("reached").asBoolean()).as(calibration.toPrettyString()).isTrue();
        assertThat(last.path("rttMs").asLong()).isEqualTo(calibration.path("chosenRttMs").asLong()).isBetween(30L, 100L);
        assertThat(last.path("operationsPerSecond").asDouble()).isCloseTo(5.0, within(5.0 * tolerance));
        JsonNode confirming = LoadResult.JSON.readTree(results.resolve("claims").resolve(last.path("summary").asText()).toFile());
        assertThat(confirming.path("operationsPerSecond").asDouble()).isEqualTo(last.path("operationsPerSecond").asDouble());
        assertThat(confirming.path("configuration").asText()).isEqualTo("baseline");
        assertThat(outcome.chosen()).isEqualTo(Duration.ofMillis(calibration.path("chosenRttMs").asLong()));
    }

    /**
     * A confirming run that misses (here the baseline in session style, three round trips a request, where the probes
     * ran it in autocommit, one) is kept aside, the round trip is corrected once, and when that misses too the file says so.
     */
    @Test
    void aMissIsCorrectedOnceAndAnUnreachedTargetIsSaidSo() throws Exception {
        LoadRun runner = LoadRun.over(TestDatabase.get(), out, null, LoadSettings.Level.CLAIMS);
        ServiceConfiguration session = ServiceConfiguration.BASELINE.withMoreFlags(List.of("--seed-rows", "50"));
        List<String> autocommitFlags = session.flags().stream().map(flag -> flag.equals("session") ? "autocommit" : flag).toList();
        ServiceConfiguration baseline = new ServiceConfiguration(session.name(), autocommitFlags, session.rtt());
        RttCalibration.Target target = new RttCalibration.Target(10.0, 0.15, "a test's target");
        Map<String, String> load = new LinkedHashMap<>(ClaimsLoadRun.SEED_SIZED);
        load.put("users", "4");
        Path results = out.resolve("load-results");

        RttCalibration.Outcome outcome = new RttCalibration(runner, results).calibrate(target, target.defaultProbes(),
                baseline, load, rtt -> new LoadRun.Plan("TodoApiSimulation", session.at(rtt), load, "claims/baseline", true),
                "claims");
        JsonNode calibration = ResultFiles.toTree(Calibration.FORMAT, outcome.toCalibration());

        JsonNode first = calibration.path("confirmations").get(0);
        assertThat(first.path("withinTolerance").asBoolean()).isFalse();
        assertThat(first.path("operationsPerSecond").asDouble()).as("three round trips a request: slower").isLessThan(10.0 * 0.85);
        assertThat(first.path("summary").asText()).isEqualTo("calibration/confirm-" + first.path("rttMs").asLong() + "ms.json");
        JsonNode aside = LoadResult.JSON.readTree(results.resolve("claims").resolve(first.path("summary").asText()).toFile());
        assertThat(aside.path("operationsPerSecond").asDouble()).isEqualTo(first.path("operationsPerSecond").asDouble());
        assertThat(results.resolve("claims").resolve(first.path("summary").asText()).getParent()
                .resolve(aside.path("gatlingReport").asText()).normalize()).isRegularFile();

        assertThat(calibration.path("confirmations")).hasSize(2);
        JsonNode second = calibration.path("confirmations").get(1);
        assertThat(second.path("rttMs").asLong()).isLessThan(first.path("rttMs").asLong());
        assertThat(second.path("summary").asText()).isEqualTo("baseline.json");
        assertThat(calibration.path("chosenRttMs").asLong()).isEqualTo(second.path("rttMs").asLong());
        assertThat(calibration.path("reached").asBoolean()).isEqualTo(second.path("withinTolerance").asBoolean());
        if (!calibration.path("reached").asBoolean()) {
            assertThat(calibration.path("note").asText()).contains("the target was not reached");
        }
    }
}
