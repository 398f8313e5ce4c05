package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.ClaimCatalogue;
import org.junit.jupiter.api.Test;

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

    @Test
    void everyClaimIsJudgedInCatalogueOrderEvenWithNothingMeasured() {
        assertThat(SeedClaims.judge(all)).extracting(r -> r.claim().id())
                .containsExactlyElementsOf(ClaimCatalogue.ALL.stream().map(c -> c.id()).toList());
        assertThat(SeedClaims.judge(all)).allMatch(r -> r.verdict() == Verdict.CANNOT_MEASURE);
    }
}
