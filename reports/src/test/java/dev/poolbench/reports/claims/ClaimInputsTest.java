package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ServiceFaults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A judgement reads only what its catalogue entry names, so the catalogue says truly what each claim rests on. */
class ClaimInputsTest {

    private final ClaimInputs all = new ClaimInputs(List.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void aClaimReadsTheSourcesItsEntryNames() {
        ClaimInputs phase2 = all.forClaim(ClaimCatalogue.claim("seed001-phase2"));
        assertThat(phase2.load("phase2")).isEmpty();
        assertThat(phase2.load("baseline")).isEmpty();
        ClaimInputs indexes = all.forClaim(ClaimCatalogue.claim("seed001-indexes"));
        assertThat(indexes.jmh("FilterQuery.list", 1, Map.of("indexed", "true", "rows", "100000", "jit", "default"))).isEmpty();
    }

    @Test
    void aClaimThatReadsAnythingElseIsRefused() {
        ClaimInputs phase2 = all.forClaim(ClaimCatalogue.claim("seed001-phase2"));
        assertThatThrownBy(() -> phase2.load("seed004"))
                .hasMessage("seed001-phase2 reads the load run seed004, which its catalogue entry does not name");
        assertThatThrownBy(() -> phase2.jmh("Query.latency", 1, Map.of("strategy", "none")))
                .hasMessage("seed001-phase2 reads Query.latency threads=1 {strategy=none}, which its catalogue entry does not name");
    }

    /**
     * Seed 004's "minimal timeouts" is judged where timeouts happen, an exhausted pool, with its retry on; the real run
     * kept in docs/runs/2026-11-30-retry/ answered under 1% of requests with the pool's timeout on either stack.
     */
    @Test
    void seed004sMinimalTimeoutsAreJudgedOnTheExhaustedPoolWithItsRetry() throws Exception {
        ServiceFaults real = ResultFiles.read(Path.of("..", "docs", "runs", "2026-11-30-retry", "service-faults.json"),
                ServiceFaults.FORMAT);
        for (String stack : List.of("java", "reference")) {
            ServiceFaults.Exhaustion on = real.of(stack).exhaustions().stream().filter(e -> e.retry().equals("3x2s"))
                    .findFirst().orElseThrow();
            ClaimResult judged = SeedClaims.judge(all.withServiceFaults(Optional.of(real.of(stack)))).stream()
                    .filter(r -> r.claim().id().equals("seed004-timeouts")).findFirst().orElseThrow();
            double share = (double) on.timedOut() / (on.requests() + on.requestsAfter());

            assertThat(judged.measured().orElseThrow().value()).as(stack).isEqualTo(share);
            assertThat(judged.verdict()).as(stack).isEqualTo(share < 0.01 ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD);
            assertThat(judged.measured().orElseThrow().evidence())
                    .containsExactly("load.serviceFaults.exhaustions[" + stack + " retry=3x2s].timedOut");
            assertThat(judged.why()).startsWith(Fmt.number(on.timedOut()) + " of " + Fmt.number(on.requests() + on.requestsAfter())
                    + " requests were answered with the pool's timeout with the retry (3x2s;").contains("; without it ");
        }
        assertThatThrownBy(() -> all.forClaim(ClaimCatalogue.claim("seed004-response")).serviceFaults(ClaimCatalogue.SERVICE_EXHAUSTION))
                .hasMessage("seed004-response reads the fault scenario serviceExhaustion, which its catalogue entry does not name");
    }

    @Test
    void everyClaimIsJudgedInCatalogueOrderEvenWithNothingMeasured() {
        assertThat(SeedClaims.judge(all)).extracting(r -> r.claim().id())
                .containsExactlyElementsOf(ClaimCatalogue.ALL.stream().map(c -> c.id()).toList());
        assertThat(SeedClaims.judge(all)).allMatch(r -> r.verdict() == Verdict.CANNOT_MEASURE);
    }
}
