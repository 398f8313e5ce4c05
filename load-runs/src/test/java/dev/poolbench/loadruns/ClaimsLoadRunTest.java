package dev.poolbench.loadruns;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.SeedClaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims run's plan (every named configuration, sized) and its refusals, before any database work. */
class ClaimsLoadRunTest {

    @Test
    void everyNamedConfigurationRunsTodoApiSimulationAndTheCacheHasItsControl() {
        assertThat(ClaimsLoadRun.ENTRIES.stream().filter(e -> e.simulation().equals("TodoApiSimulation"))
                .map(ClaimsLoadRun.Entry::configuration).toList())
                .containsExactlyElementsOf(ServiceConfiguration.NAMED.keySet());
        assertThat(ClaimsLoadRun.ENTRIES.get(0).result()).as("the baseline's run confirms the calibration").isEqualTo("baseline");
        assertThat(ClaimsLoadRun.entry("phase3").at(Duration.ZERO).load()).containsEntry("bulk", "true");
        Map<String, String> readHeavy = ClaimsLoadRun.ENTRIES.stream().filter(e -> e.simulation().equals("ReadHeavySimulation"))
                .collect(Collectors.toMap(ClaimsLoadRun.Entry::result, ClaimsLoadRun.Entry::configuration));
        assertThat(readHeavy).containsOnly(Map.entry("seed004-read-heavy", "seed004"), Map.entry("seed003-read-heavy", "seed003"));

        LoadRun.Plan baseline = ClaimsLoadRun.entry("baseline").at(Duration.ofMillis(429));
        assertThat(baseline.configuration().rtt()).isEqualTo(Duration.ofMillis(429));
        assertThat(baseline.resultName()).isEqualTo("claims/baseline");
        assertThat(baseline.warmUp()).isTrue();
        assertThat(baseline.load()).containsEntry("users", "200").containsEntry("bursts", "1")
                .containsEntry("requestTimeout", "10m").containsEntry("minSuccessPercent", "0");
    }

    @Test
    void everyLoadRunAClaimIsMeasuredFromIsInThePlan() {
        var planned = ClaimsLoadRun.ENTRIES.stream().map(ClaimsLoadRun.Entry::result).toList();
        for (SeedClaim claim : ClaimCatalogue.ALL) {
            assertThat(planned).as("the load runs claim %s is measured from", claim.id()).containsAll(claim.loadRuns());
        }
        assertThat(ClaimCatalogue.loadRuns()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
        --rtt 11s                  ; claims-load-run: --rtt = '11s' is not accepted: a round trip from 0 to 10s (bench-core's limit), e.g. 429ms
        --rtt soon                 ; claims-load-run: --rtt = 'soon' is not accepted: a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)
        --target 0                 ; claims-load-run: --target = '0' is not accepted: operations per second, more than 0, e.g. 2.28
        --tolerance 0              ; claims-load-run: --tolerance = '0' is not accepted: a whole number from 1 to 100
        --probe-rtts 100ms         ; claims-load-run: --probe-rtts = '100ms' is not accepted: two or more different round trips, e.g. 100ms,300ms
        --only phase4              ; claims-load-run: --only = 'phase4' is not accepted: one or more of baseline, phase1, phase2, phase2-worker, phase3, seed000-null, seed000-static, seed000-queue-2+1, seed000-queue-10+20, seed003, seed004, seed002-jit-on, seed002-jit-off, seed004-read-heavy, seed003-read-heavy
        """)
    void aBadArgumentStopsTheRunInOneLine(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new ClaimsLoadRun()).execute(args.split(" "));
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(message + System.lineSeparator());
    }
}
