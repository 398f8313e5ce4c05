package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.ClaimCatalogue;
import dev.poolbench.core.seeds.SeedClaim;

import java.util.Optional;

/**
 * A claim with what was measured and the verdict, and why in words a reader can check.
 *
 * @param caveat why the verdict only points a way though its figure has an interval, when it does: "compact pass, 1
 *               run" (a load smaller than the seed's) or "1 JMH fork" (an interval over one JVM's iterations); the
 *               verdict is then indicative
 */
public record ClaimResult(SeedClaim claim, Optional<Measured> measured, Verdict verdict, String why, Optional<String> caveat) {

    /** What the verdict words say of a benchmark verdict measured in one JVM. */
    public static final String ONE_FORK = "1 JMH fork";

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
    public ClaimResult atScale(String scale) {
        return throughTheService() ? new ClaimResult(claim, measured, verdict, why, Optional.of(scale + ", 1 run")) : this;
    }

    /**
     * This verdict, marked as resting on benchmark points of one JVM each when it is decided by the database benchmarks:
     * two runs of one commit can then disagree beyond its interval (seed 002's JIT claim did).
     */
    public ClaimResult fromOneFork() {
        return throughTheService() ? this : new ClaimResult(claim, measured, verdict, why, Optional.of(ONE_FORK));
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
     * The verdict on a load figure from one run, which has no interval, or one with a caveat: it points a way, it does
     * not settle.
     */
    public boolean indicative() {
        return verdict != Verdict.CANNOT_MEASURE && (caveat.isPresent() || measured.map(Measured::indicative).orElse(false));
    }

    /**
     * "holds"; "indicative (1 run): holds" when the figure it rests on is one run's; "indicative (compact pass, 1 run):
     * holds" or "indicative (1 JMH fork): holds" with a caveat.
     */
    public String verdictWords() {
        return indicative() ? "indicative (" + caveat.orElse("1 run") + "): " + verdict.words() : verdict.words();
    }
}
