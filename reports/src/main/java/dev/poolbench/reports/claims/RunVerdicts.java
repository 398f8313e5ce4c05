package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.SeedClaim;
import dev.poolbench.reports.model.ClaimsRun;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Run;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.LoadSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every claim judged on one run, once per stack whose load it has: what the report's Claims section shows, and what
 * {@code compare} sets beside another run's. A pass's scale (the main job's compact pass) marks each load verdict.
 *
 * @param java      the verdicts on the Java service's load runs (the database-level claims read JMH alike in both)
 * @param reference the verdicts on the reference stack's; empty when it did not run
 * @param referenceOnly whether the reference stack alone ran the load (the main job's compact pass where Python runs):
 *                      then the run is read for its verdicts, not the Java service's
 */
public record RunVerdicts(List<ClaimResult> java, List<ClaimResult> reference, boolean referenceOnly) {

    public static RunVerdicts of(Run run) {
        Map<String, LoadSummary> summaries = run.claims().map(ClaimsRun::summaries).orElse(Map.of());
        Map<String, LoadSummary> referenceSummaries = run.claims().map(ClaimsRun::referenceSummaries).orElse(Map.of());
        Optional<Calibration> calibration = run.claims().flatMap(ClaimsRun::calibration);
        Optional<Boolean> jit = run.jmhEnvironment().map(e -> e.databaseSettings().get("jit_available"))
                .map(v -> v.equals("on") || v.equals("true"));
        Optional<String> scale = run.claims().flatMap(ClaimsRun::compactScale);
        List<ClaimResult> java = atScale(SeedClaims.judge(new ClaimInputs(run.jmh(), summaries, calibration, jit, run.faults())
                .withRuns(run.claims().map(ClaimsRun::runs).orElse(Map.of()))
                .withServiceFaults(run.serviceFaults().map(f -> f.of(LoadSummary.JAVA)))), scale);
        List<ClaimResult> reference = referenceSummaries.isEmpty() ? List.of()
                : atScale(SeedClaims.judge(new ClaimInputs(run.jmh(), referenceSummaries, calibration, jit, run.faults())
                        .withRuns(run.claims().map(ClaimsRun::referenceRuns).orElse(Map.of()))
                        .withServiceFaults(run.serviceFaults().map(f -> f.of(LoadSummary.REFERENCE)))), scale);
        return new RunVerdicts(oneForkMarked(java, run), oneForkMarked(reference, run),
                summaries.isEmpty() && !referenceSummaries.isEmpty());
    }

    /**
     * Each verdict decided by the benchmarks marked "1 JMH fork" when a point it reads was measured in fewer than two
     * JVMs: JMH's interval is then over one JVM's iterations, and a fresh JVM can land outside it (the main job measures
     * in one fork; -Pclaims measures the claims' points in three).
     */
    private static List<ClaimResult> oneForkMarked(List<ClaimResult> results, Run run) {
        return results.stream().map(r -> r.verdict() != Verdict.CANNOT_MEASURE && !r.throughTheService()
                && fewestForks(r.claim(), run) < 2 ? r.fromOneFork() : r).toList();
    }

    /** The fewest forks among the run's results of the claim's benchmark points; more than any when it reads none. */
    private static int fewestForks(SeedClaim claim, Run run) {
        return run.jmh().stream().filter(j -> j.params().getOrDefault("pooler", "none").equals("none"))
                .filter(j -> claim.jmhPoints().stream().anyMatch(p -> p.matches(j.shortName(), j.threads(), j.params())))
                .mapToInt(JmhResult::forks).min().orElse(Integer.MAX_VALUE);
    }

    /** The verdicts of the stack this run is read for: the reference stack's when it alone ran the load, else the Java service's. */
    public List<ClaimResult> primary() {
        return referenceOnly ? reference : java;
    }

    /** "reference" or "java": whose verdicts {@link #primary} are. */
    public String primaryStack() {
        return referenceOnly ? "reference" : "java";
    }

    /** Whether the Java service ran the load. */
    public boolean hasJava() {
        return !referenceOnly;
    }

    /** Each verdict marked with the pass's scale, when the pass was not at the seed's. */
    private static List<ClaimResult> atScale(List<ClaimResult> results, Optional<String> scale) {
        return scale.map(s -> results.stream().map(r -> r.atScale(s)).toList()).orElse(results);
    }
}
