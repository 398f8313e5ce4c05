package dev.poolbench.pools.sizing;

import dev.poolbench.results.Sizing;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;

/** The intervals a sizing point carries: a mean's 95% t interval, a median's range. */
final class Intervals {

    private Intervals() {
    }

    /** The mean of {@code values} and its two-sided 95% Student t interval; one value is its own interval. */
    static Sizing.Interval mean(double[] values) {
        int n = values.length;
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        if (n < 2) {
            return new Sizing.Interval(mean, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double halfWidth = TDistribution.of(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return new Sizing.Interval(mean, mean - halfWidth, mean + halfWidth);
    }

    /** The median of {@code values}, between the lowest and the highest. */
    static Sizing.Interval median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Sizing.Interval(median, sorted[0], sorted[n - 1]);
    }

    /** The {@code q} quantile (0-1) of sorted nanoseconds, nearest rank, in milliseconds. */
    static double quantileMs(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
