package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.SeedClaim;

import java.util.Optional;

/** A claim with what was measured and the verdict, and why in words a reader can check. */
public record ClaimResult(SeedClaim claim, Optional<Measured> measured, Verdict verdict, String why) {

    static ClaimResult cannotMeasure(SeedClaim claim, String why) {
        return new ClaimResult(claim, Optional.empty(), Verdict.CANNOT_MEASURE, why);
    }

    /** The verdict on a load figure from one run, which has no interval: it points a way, it does not settle. */
    public boolean indicative() {
        return verdict != Verdict.CANNOT_MEASURE && measured.map(Measured::indicative).orElse(false);
    }

    /** "holds", or "indicative (1 run): holds" when the figure it rests on is one run's. */
    public String verdictWords() {
        return indicative() ? "indicative (1 run): " + verdict.words() : verdict.words();
    }
}
