package dev.poolbench.reports.model;

/** Smallest and largest of a set of values, NaN for none. */
public final class Samples {

    private Samples() {
    }

    public static double min(double[] values) {
        double min = Double.NaN;
        for (double v : values) {
            min = Double.isNaN(min) ? v : Math.min(min, v);
        }
        return min;
    }

    public static double max(double[] values) {
        double max = Double.NaN;
        for (double v : values) {
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        return max;
    }
}
