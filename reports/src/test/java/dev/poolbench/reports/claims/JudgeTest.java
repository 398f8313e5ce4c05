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

    @Test
    void aFactorOutsideTheRangeWhoseIntervalReachesInHoldsAndSaysWhereItLies() {
        Measured m = factor(7.5, 4, 24);
        assertThat(Judge.factor(m, 10, 50)).isEqualTo(Verdict.HOLDS);
        assertThat(Judge.factorWhy(m, 10, 50)).isEqualTo("the measured factor itself, 7.500x, lies below the promised"
                + " 10-50x, but its interval reaches into it: this run cannot tell the two apart");
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
