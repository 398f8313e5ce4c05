package dev.poolbench.reports.claims;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeTest {

    private static Measured factor(double value, double low, double high) {
        return new Measured(value, low, high, "", List.of());
    }

    @Test
    void aFactorInsideThePromisedRangeHolds() {
        Measured m = factor(15, 12, 18);
        assertThat(Judge.factor(m, 10, 20)).isEqualTo(Verdict.HOLDS);
        assertThat(Judge.factorWhy(m, 10, 20)).isEqualTo("the measured factor falls in the promised 10-20x");
    }

    /**
     * An interval across a line between two verdicts decides neither: two 3-fork runs of one commit measured seed 001's
     * bulk factor 7.63x (6.08-9.68) and 8.15x (5.91-11.28) against 10-50x; the second reaches into the range.
     */
    @Test
    void aFactorWhoseIntervalReachesAcrossTheRangesEdgeOrDownToOneIsUndecided() {
        assertThat(Judge.factor(factor(7.626, 6.083, 9.676), 10, 50)).isEqualTo(Verdict.PARTLY);
        Measured across = factor(8.145, 5.911, 11.28);
        assertThat(Judge.factor(across, 10, 50)).isEqualTo(Verdict.UNDECIDED);
        assertThat(Judge.factorWhy(across, 10, 50)).isEqualTo("the measured factor, 8.145x, has an interval from below the"
                + " promised 10-50x to inside it: this run cannot tell whether the claim holds; more runs or forks could"
                + " settle it");
        assertThat(Judge.factor(factor(15, 8, 30), 10, 20)).isEqualTo(Verdict.UNDECIDED);
        assertThat(Judge.factorWhy(factor(15, 8, 30), 10, 20)).contains("an interval from below the promised 10-20x to above it");
        Measured noneToInside = factor(2.2, 0.9, 3.5);
        assertThat(Judge.factor(noneToInside, 3, 5)).isEqualTo(Verdict.UNDECIDED);
        assertThat(Judge.factorWhy(noneToInside, 3, 5)).contains("an interval from no improvement to inside the promised 3-5x");
    }

    @Test
    void aRealImprovementOutsideTheRangeIsPartlyAndNoImprovementDoesNotHold() {
        assertThat(Judge.factor(factor(30, 17, 64), 2, 5)).isEqualTo(Verdict.PARTLY);
        assertThat(Judge.factorWhy(factor(30, 17, 64), 2, 5)).isEqualTo("a real improvement, larger than promised (2-5x)");
        assertThat(Judge.factor(factor(0.5, 0.3, 0.8), 3, 5)).isEqualTo(Verdict.DOES_NOT_HOLD);
        assertThat(Judge.factorWhy(factor(0.5, 0.3, 0.8), 3, 5)).isEqualTo("slower, not faster");
        assertThat(Judge.factorWhy(factor(1.03, 0.99, 1.07), 1.1, 100))
                .isEqualTo("no improvement the measurement can tell from none");
    }
}
