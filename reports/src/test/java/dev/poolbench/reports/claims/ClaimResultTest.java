package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.reports.stats.Repeated;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: a pass's scale marks a verdict only when the verdict rests on the service's load or its fault scenarios;
 * one decided by the database benchmarks stays settled even when its claim also reads a load run for its reasons.
 */
class ClaimResultTest {

    @Test
    void aCompactPassMarksLoadVerdictsAndLeavesTheDatabaseOnesSettled() {
        // seed 001's bulk claim reads phase 2 and 3's load runs for its reasons, but its verdict is the JMH inserts' ratio
        ClaimResult bulk = new ClaimResult(ClaimCatalogue.claim("seed001-bulk"),
                Optional.of(new Measured(11.2, 3.3, 229.9, "11.2x", List.of("jmh.results[Insert.insert]"))), Verdict.HOLDS, "");
        ClaimResult phase2 = new ClaimResult(ClaimCatalogue.claim("seed001-phase2"),
                Optional.of(Measured.load(Repeated.of(2.3), "2.3x", List.of())), Verdict.PARTLY, "");
        ClaimResult timeouts = new ClaimResult(ClaimCatalogue.claim("seed004-timeouts"),
                Optional.of(Measured.single(0.003, "0.3% answered 503", List.of())), Verdict.HOLDS, "");

        assertThat(bulk.atScale("compact pass").verdictWords()).isEqualTo("holds");
        assertThat(bulk.atScale("compact pass").indicative()).isFalse();
        assertThat(phase2.atScale("compact pass").verdictWords()).isEqualTo("indicative (compact pass, 1 run): partly");
        assertThat(timeouts.atScale("compact pass").verdictWords()).isEqualTo("indicative (compact pass, 1 run): holds");
        assertThat(timeouts.verdictWords()).as("at the seed's scale a fault verdict is settled").isEqualTo("holds");
        // measured in one JVM, a benchmark verdict is indicative; a load one is not a benchmark's to mark
        assertThat(bulk.fromOneFork().verdictWords()).isEqualTo("indicative (1 JMH fork): holds");
        assertThat(phase2.fromOneFork()).isEqualTo(phase2);
    }
}
