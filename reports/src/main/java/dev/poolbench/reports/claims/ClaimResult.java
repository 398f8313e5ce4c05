package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.SeedClaim;

import java.util.Optional;

/** A claim with what was measured and the verdict, and why in words a reader can check. */
public record ClaimResult(SeedClaim claim, Optional<Measured> measured, Verdict verdict, String why) {

    static ClaimResult cannotMeasure(SeedClaim claim, String why) {
        return new ClaimResult(claim, Optional.empty(), Verdict.CANNOT_MEASURE, why);
    }
}
