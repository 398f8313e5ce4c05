package dev.poolbench.reports.stats;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.OptionalDouble;

/**
 * Whether two sets of iteration values differ, as benchstat decides it: a two-sided Mann-Whitney U
 * test at alpha 0.05. It assumes nothing about the shape of the distributions, which matters here:
 * pool timings are skewed and have outliers. With few samples even a real difference cannot reach
 * the threshold (five against five is the least for p below 0.01), so iterations should be 5 or more.
 */
public final class Significance {

    public static final double ALPHA = 0.05;
    /** Below this many values on either side no p-value is computed: one run is not a distribution. */
    public static final int MIN_SAMPLES = 2;

    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults();

    private Significance() {
    }

    /** The two-sided p-value; empty when either side has fewer than {@value #MIN_SAMPLES} values. */
    public static OptionalDouble pValue(double[] baseline, double[] candidate) {
        if (baseline.length < MIN_SAMPLES || candidate.length < MIN_SAMPLES) {
            return OptionalDouble.empty();
        }
        double p = TEST.test(baseline, candidate).getPValue();
        // every value tied (a run compared with itself): no evidence of any difference
        return OptionalDouble.of(Double.isNaN(p) ? 1.0 : p);
    }

    /**
     * The smallest two-sided p-value the exact test can give for {@code n1} against {@code n2} values:
     * the two most extreme of C(n1 + n2, n1) equally likely orderings. At or above alpha, no
     * difference, however large, can be called significant: 3 against 3 gives 0.1.
     */
    public static double smallestPValue(int n1, int n2) {
        double orderings = 1;
        for (int i = 1; i <= n1; i++) {
            orderings = orderings * (n2 + i) / i;
        }
        return Math.min(1.0, 2 / orderings);
    }

    /** Whether {@code n1} against {@code n2} values can show a significant difference at all. */
    public static boolean canDetect(int n1, int n2) {
        return n1 >= MIN_SAMPLES && n2 >= MIN_SAMPLES && smallestPValue(n1, n2) < ALPHA;
    }

    public static boolean isSignificant(OptionalDouble pValue) {
        return pValue.isPresent() && pValue.getAsDouble() < ALPHA;
    }
}
