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

    public static boolean isSignificant(OptionalDouble pValue) {
        return pValue.isPresent() && pValue.getAsDouble() < ALPHA;
    }
}
