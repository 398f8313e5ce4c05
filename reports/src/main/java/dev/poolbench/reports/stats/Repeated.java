package dev.poolbench.reports.stats;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A load figure from repeated runs of one configuration (issue 18): the median of the runs, and a 95% interval
 * from Student's t on their mean, which needs no assumption about the spread beyond what the runs themselves
 * show. A ratio of two configurations pairs their runs by repetition (the claims run interleaves them, so the
 * runs of one repetition ran close in time) and takes the interval on the log of the per-repetition ratios,
 * so that a ratio and its inverse get the same interval. One run has no interval.
 */
public final class Repeated {

    /** The confidence of the intervals. */
    public static final double CONFIDENCE = 0.95;

    private static final TTest WELCH = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC);

    private Repeated() {
    }

    /**
     * A figure and its interval; {@code low} and {@code high} are NaN with fewer than two runs.
     *
     * @param runs how many runs it comes from
     */
    public record Estimate(double value, double low, double high, int runs) {

        public boolean hasInterval() {
            return runs >= 2 && !Double.isNaN(low);
        }
    }

    /** The median of {@code values} and the t-based 95% interval of their mean. */
    public static Estimate of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no runs");
        }
        double median = median(values);
        if (values.length < 2) {
            return new Estimate(median, Double.NaN, Double.NaN, values.length);
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double half = halfWidth(values, mean);
        return new Estimate(median, mean - half, mean + half, values.length);
    }

    /**
     * {@code a / b} from runs paired by repetition number (repetitions only one of them has are left out): the
     * median of the per-repetition ratios, and the t-based interval of their geometric mean.
     */
    public static Estimate ratio(SortedMap<Integer, Double> a, SortedMap<Integer, Double> b) {
        SortedMap<Integer, Double> ratios = new TreeMap<>();
        for (Map.Entry<Integer, Double> run : a.entrySet()) {
            Double other = b.get(run.getKey());
            if (other != null) {
                ratios.put(run.getKey(), run.getValue() / other);
            }
        }
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("no repetition ran both configurations");
        }
        double[] values = ratios.values().stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(values);
        if (values.length < 2 || Arrays.stream(values).anyMatch(v -> !(v > 0))) {
            return new Estimate(median, Double.NaN, Double.NaN, values.length);
        }
        double[] logs = Arrays.stream(values).map(Math::log).toArray();
        double mean = Arrays.stream(logs).average().orElseThrow();
        double half = halfWidth(logs, mean);
        return new Estimate(median, Math.exp(mean - half), Math.exp(mean + half), values.length);
    }

    /** Welch's two-sided t-test of two sets of runs; empty when either side has fewer than two. */
    public static OptionalDouble welchPValue(double[] baseline, double[] candidate) {
        if (baseline.length < 2 || candidate.length < 2) {
            return OptionalDouble.empty();
        }
        double p = WELCH.test(baseline, candidate).getPValue();
        // identical runs on both sides: no evidence of any difference
        return OptionalDouble.of(Double.isNaN(p) ? 1.0 : p);
    }

    /** t(0.975, n - 1) times the standard error of the mean. */
    private static double halfWidth(double[] values, double mean) {
        int n = values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * sd / Math.sqrt(n);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
