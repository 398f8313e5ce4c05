package dev.poolbench.pools.sizing;

import dev.poolbench.results.Sizing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The verdict rule on hand-worked numbers: the t-test, the p99 margin, Little's law, the formula and the fleet. */
class SizingRuleTest {

    private static final Sizing.Server PG15 = new Sizing.Server("15.18", 100, 3, null);

    @Test
    void theSmallestSizeNotSignificantlySlowerAndWithinTheP99MarginIsRecommended() {
        // size 2 against the best, 4: means 200 and 202, variances 25 and 4 over 3 windows each;
        // Welch's t = -2 / sqrt(25/3 + 4/3) = -0.643 on 2.62 degrees of freedom, one-sided p = 0.286 (> 0.05);
        // p99 5.5 ms against a limit of 5.0 x 1.2 = 6.0 ms. Size 1 (mean 100) is far below.
        List<Sizing.Point> curve = List.of(point(1, 10.0, 100, 102, 98), point(2, 5.5, 195, 200, 205),
                point(4, 5.0, 200, 204, 202));

        SizingRule.Choice choice = SizingRule.choose(curve);

        assertThat(choice.best().poolSize()).isEqualTo(4);
        assertThat(choice.recommended().poolSize()).isEqualTo(2);
        assertThat(choice.pValue()).isCloseTo(0.286, within(0.001));
        assertThat(choice.rejected()).hasSize(1);
        assertThat(choice.rejected().get(0)).startsWith("1: throughput 100/s below the best's 202/s");
    }

    @Test
    void aSizeWhoseP99IsMoreThanTwentyPercentAboveTheBestsIsPassedOver() {
        // the same throughputs, but size 2's p99 is 6.5 ms, above 6.0 ms; size 1 against 4: t = -102 / sqrt(4/3 + 4/3)
        // = -62.5 on 4 degrees of freedom, p = 1.97e-7
        List<Sizing.Point> curve = List.of(point(1, 10.0, 100, 102, 98), point(2, 6.5, 195, 200, 205),
                point(4, 5.0, 200, 204, 202));

        SizingRule.Choice choice = SizingRule.choose(curve);

        assertThat(choice.recommended().poolSize()).isEqualTo(4);
        assertThat(choice.pValue()).isEqualTo(1.0);
        assertThat(choice.rejected()).containsExactly(
                "1: throughput 100/s below the best's 202/s (p = 1.97e-07 < 0.05); p99 10.00 ms above 6.00 ms (the best's 5.00 ms + 20%)",
                "2: p99 6.50 ms above 6.00 ms (the best's 5.00 ms + 20%)");
    }

    @Test
    void theVerdictCarriesLittlesLawTheFormulaWithBothCoreCountsAndTheFleet() {
        List<Sizing.Point> curve = List.of(point(1, 10.0, 100, 102, 98), point(2, 5.5, 195, 200, 205),
                point(4, 5.0, 200, 204, 202));

        Sizing.Verdict v = SizingRule.verdict(curve, 2, 8, PG15, 1, 0);

        // the best point's 202 calls/s x 9.9 ms held = 1.9998 connections busy on average
        assertThat(v.busyConnections()).isCloseTo(1.9998, within(1e-9));
        assertThat(v.formulaHarness()).isEqualTo(5);
        assertThat(v.formulaDatabase()).isEqualTo(17);
        // 100 - 3 reserved for superusers = 97 for the application; a pool of 2 fits 48 times
        assertThat(v.fleet()).isEqualTo(new Sizing.Fleet(1, 2, 2, 97, true, 48));
        assertThat(SizingRule.verdict(curve, 2, null, PG15, 1, 0).formulaDatabase()).isNull();
    }

    @Test
    void aFleetCountsTheOverflowAndPostgres16sReservedConnections() {
        Sizing.Server pg16 = new Sizing.Server("16.4", 100, 3, 5);

        // 100 - 3 - 5 = 92 available; (2 + 3) x 20 = 100 needed; 92 / 5 = 18 instances at most
        assertThat(FleetMath.fleet(pg16, 2 + 3, 20)).isEqualTo(new Sizing.Fleet(20, 5, 100, 92, false, 18));
    }

    @Test
    void windowsWithoutSpreadAreJudgedByTheirMeans() {
        assertThat(SizingRule.pBelow(new double[] {10, 10}, new double[] {12, 12})).isZero();
        assertThat(SizingRule.pBelow(new double[] {12, 12}, new double[] {12, 12})).isEqualTo(1.0);
    }

    /** A point of "mix" at 0 ms and 16 callers whose windows measured {@code throughputs}, each with {@code p99}. */
    private static Sizing.Point point(int size, double p99, double... throughputs) {
        List<Sizing.Repetition> reps = java.util.Arrays.stream(throughputs)
                .mapToObj(t -> new Sizing.Repetition(Math.round(t * 3), t, p99 / 4, p99, 9.9, 0)).toList();
        return new Sizing.Point("mix", 0, 16, size, Intervals.mean(throughputs), Intervals.median(new double[] {p99 / 4}),
                Intervals.median(new double[] {p99}), 9.9, reps, List.of());
    }
}
