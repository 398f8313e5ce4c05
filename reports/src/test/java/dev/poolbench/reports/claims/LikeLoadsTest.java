package dev.poolbench.reports.claims;

import dev.poolbench.results.LoadSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A verdict divides two runs' rates; when the runs carried different loads, the verdict says so. */
class LikeLoadsTest {

    @Test
    void aRatioOfRunsWithDifferentFollowUpsSaysItIsNotLikeForLike() {
        ClaimResult phase1 = judged("seed001-phase1", Map.of("baseline", run(2.3, 100), "phase1", run(1.15, 25)));

        assertThat(phase1.why()).contains("; not like for like: the two runs carried different loads (followUps 25 in phase1,"
                + " 100 in baseline), so the ratio mixes the load with the configuration");
    }

    @Test
    void aRatioOfRunsWithTheSameLoadSaysNothingOfIt() {
        ClaimResult phase1 = judged("seed001-phase1", Map.of("baseline", run(2.3, 50), "phase1", run(1.15, 50)));

        assertThat(phase1.measured()).hasValueSatisfying(m -> assertThat(m.value()).isEqualTo(0.5));
        assertThat(phase1.why()).doesNotContain("like for like");
    }

    private static ClaimResult judged(String id, Map<String, LoadSummary> load) {
        ClaimInputs in = new ClaimInputs(List.of(), load, Optional.empty(), Optional.empty(), Optional.empty());
        return SeedClaims.judge(in).stream().filter(r -> r.claim().id().equals(id)).findFirst().orElseThrow();
    }

    private static LoadSummary run(double operationsPerSecond, int followUps) {
        long operations = 200 + 4L * followUps;
        long durationMs = Math.round(operations / operationsPerSecond * 1000);
        return new LoadSummary("TodoApiSimulation", "phase", null,
                Map.of("users", 200, "bursts", 1, "followUps", followUps), "2026-11-30T08:00:00Z", "2026-11-30T08:05:00Z",
                durationMs, new LoadSummary.Requests(operations, operations, 0), 1.0, operationsPerSecond, operations,
                operationsPerSecond, new LoadSummary.Latency(1, 2.0, 1, 2, 3, 4, 5), List.of(), List.of(), null, null, List.of(),
                "index.html");
    }
}
