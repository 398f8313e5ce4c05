package dev.poolbench.reports.model;

import java.util.SortedMap;

/**
 * One JMH metric: the score with its 99.9% confidence interval (JMH's {@code scoreError} and
 * {@code scoreConfidence}), its unit, its percentiles, and the per-iteration values the significance
 * tests need. For sample-time results the iterations are each iteration's mean and 99th percentile,
 * computed from JMH's histograms.
 */
public record Metric(double score, double error, double low, double high, String unit,
                     SortedMap<Double, Double> percentiles, double[] iterations, double[] iterationP99s) {

    /** The 99th percentile over all samples, when JMH recorded percentiles of samples (sample-time mode). */
    public double p99() {
        Double p = percentiles.get(99.0);
        return p == null ? Double.NaN : p;
    }

    public boolean hasError() {
        return !Double.isNaN(error) && !Double.isInfinite(error);
    }
}
