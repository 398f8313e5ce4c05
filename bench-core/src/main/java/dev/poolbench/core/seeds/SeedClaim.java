package dev.poolbench.core.seeds;

import java.util.List;

/**
 * One claim of a seed write-up, and what judges it.
 *
 * @param id        stable name, e.g. {@code seed001-phase2}
 * @param seed      the write-up it comes from
 * @param words     the claim in the seed's own words (quoted, so a reader can check it without the seed)
 * @param claimed   the promised figure as a reader would say it, e.g. "2-5x improvement for filtered queries"
 * @param promise   the promise as a number the verdict holds the measurement against
 * @param loadRuns  the claims run's load runs it is measured from (result names in {@code load-results/claims/})
 * @param jmhPoints the benchmark points it is measured from
 * @param faults    the fault scenarios it is measured from (their arrays in {@code faults.json}, e.g. {@code lostWrites},
 *                  or load-runs' scenarios through the service, {@code serviceRestart} and {@code serviceExhaustion})
 */
public record SeedClaim(String id, Seed seed, String words, String claimed, Promise promise,
                        List<String> loadRuns, List<JmhPoint> jmhPoints, List<String> faults) {

    public SeedClaim {
        loadRuns = List.copyOf(loadRuns);
        jmhPoints = List.copyOf(jmhPoints);
        faults = List.copyOf(faults);
    }
}
