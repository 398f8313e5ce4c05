package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.SeedClaim;

import java.util.Optional;

/**
 * A claim with what was measured and the verdict, and why in words a reader can check.
 *
 * @param scale how the load it rests on differs from the seed's ("compact pass"), when it does: the verdict is then
 *              indicative whatever the number of runs
 */
public record ClaimResult(SeedClaim claim, Optional<Measured> measured, Verdict verdict, String why, Optional<String> scale) {

    public ClaimResult(SeedClaim claim, Optional<Measured> measured, Verdict verdict, String why) {
        this(claim, measured, verdict, why, Optional.empty());
    }

    static ClaimResult cannotMeasure(SeedClaim claim, String why) {
        return new ClaimResult(claim, Optional.empty(), Verdict.CANNOT_MEASURE, why);
    }

    /**
     * This verdict, marked as measured at {@code scale} when it rests on the service's load or its fault scenarios (a
     * verdict decided by the database benchmarks is measured the same in any pass, even when its reasons quote a load run).
     */
    public ClaimResult atScale(String value) {
        return throughTheService() ? new ClaimResult(claim, measured, verdict, why, Optional.of(value)) : this;
    }

    /**
     * Whether the verdict rests on a figure from the service: a load figure (one with runs), or a fault scenario through
     * the service; not one decided by the database benchmarks alone.
     */
    public boolean throughTheService() {
        return measured.map(m -> m.runs() > 0).orElse(!claim.loadRuns().isEmpty())
                || claim.faults().contains(ClaimCatalogue.SERVICE_RESTART)
                || claim.faults().contains(ClaimCatalogue.SERVICE_EXHAUSTION);
    }

    /**
     * The verdict on a load figure from one run, which has no interval, or from a load smaller than the seed's: it
     * points a way, it does not settle.
     */
    public boolean indicative() {
        return verdict != Verdict.CANNOT_MEASURE && (scale.isPresent() || measured.map(Measured::indicative).orElse(false));
    }

    /**
     * "holds"; "indicative (1 run): holds" when the figure it rests on is one run's; "indicative (compact pass, 1 run):
     * holds" when it was measured at a scale of its own.
     */
    public String verdictWords() {
        if (!indicative()) {
            return verdict.words();
        }
        return "indicative (" + scale.map(s -> s + ", ").orElse("") + "1 run): " + verdict.words();
    }
}
