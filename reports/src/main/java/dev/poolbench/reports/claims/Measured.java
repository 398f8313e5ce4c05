package dev.poolbench.reports.claims;

import dev.poolbench.core.seeds.Thresholds;

import java.util.List;

/**
 * A measured figure: its value, its interval when the measurement has one (JMH's 99.9% confidence
 * interval, or an interval derived from two of them), how to say it, and where in run.json the
 * numbers come from.
 */
public record Measured(double value, double low, double high, String text, List<String> evidence) {

    /** A figure from a single run, which has no interval of its own. */
    public static Measured single(double value, String text, List<String> evidence) {
        return new Measured(value, value, value, text, List.copyOf(evidence));
    }

    /** {@code a / b}, each from one load run, with the interval the runs' spread allows ({@link Thresholds#LOAD_SPREAD}). */
    public static Measured loadRatio(double a, double b, String text, List<String> evidence) {
        double value = a / b;
        return new Measured(value, value * (1 - Thresholds.LOAD_SPREAD) / (1 + Thresholds.LOAD_SPREAD),
                value * (1 + Thresholds.LOAD_SPREAD) / (1 - Thresholds.LOAD_SPREAD), text, List.copyOf(evidence));
    }

    /** The same figure, said as {@code text} (which may quote the figure's own interval). */
    public Measured withText(String text) {
        return new Measured(value, low, high, text, evidence);
    }

    public boolean hasInterval() {
        return low != high;
    }
}
