package dev.poolbench.core.seeds;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimCatalogueTest {

    @Test
    void everyClaimHasItsOwnIdAndIsMeasuredFromSomething() {
        assertThat(ClaimCatalogue.ALL).extracting(SeedClaim::id).doesNotHaveDuplicates();
        assertThat(ClaimCatalogue.ALL).allSatisfy(c -> {
            assertThat(c.id()).startsWith("seed" + c.seed().number() + "-");
            assertThat(c.loadRuns().size() + c.jmhPoints().size() + c.faults().size()).as(c.id()).isPositive();
            assertThat(c.words()).as(c.id()).isNotBlank();
        });
        assertThat(ClaimCatalogue.claim("seed001-phase2").promise()).isEqualTo(Promise.factor(10, 20));
        assertThatThrownBy(() -> ClaimCatalogue.claim("seed009-x")).hasMessage("no claim seed009-x in the catalogue");
    }

    @Test
    void seedsCiteTheirFiles() {
        assertThat(Seed.S001.cite()).isEqualTo("seed 001 (001_3526cb4212328631.txt)");
        assertThat(Seed.values()).extracting(Seed::fileName).allMatch(f -> f.matches("\\d{3}_[0-9a-f]{16}\\.txt"));
    }

    @Test
    void aPointMatchesResultsThatHaveItsParametersAndDefaultMatchesAnAbsentOne() {
        JmhPoint point = JmhPoint.of("Query.latency", 1, "strategy=none", "jit=default");
        assertThat(point.matches("Query.latency", 1, Map.of("strategy", "none", "poolSize", "5"))).isTrue();
        assertThat(point.matches("Query.latency", 1, Map.of("strategy", "none", "jit", "on"))).isFalse();
        assertThat(point.matches("Query.latency", 4, Map.of("strategy", "none"))).isFalse();
        assertThat(point.matches("Query.throughput", 1, Map.of("strategy", "none"))).isFalse();
    }
}
