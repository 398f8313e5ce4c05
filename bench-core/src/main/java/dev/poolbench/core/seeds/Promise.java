package dev.poolbench.core.seeds;

/**
 * What a claim promises, as a number a measurement can be held against.
 *
 * @param kind  how the measured value is compared
 * @param low   the lower bound (a factor range's low end, or the limit of {@code ABOVE})
 * @param high  the upper bound (a factor range's high end, or the limit of {@code BELOW} and {@code AT_MOST})
 */
public record Promise(Kind kind, double low, double high) {

    public enum Kind {
        /** An improvement factor within [low, high]. */
        FACTOR,
        /** A value under {@code high}. */
        BELOW,
        /** A value over {@code low}. */
        ABOVE,
        /** A ratio to a pooled baseline of at most {@code high}: "slight", "no overhead". */
        AT_MOST,
        /** A figure the run reproduces by construction (the calibration's target), {@code low} = {@code high}. */
        REPRODUCED,
        /** A count of 0: no connection kept idle, no write lost. */
        NONE
    }

    public static Promise factor(double low, double high) {
        return new Promise(Kind.FACTOR, low, high);
    }

    public static Promise below(double limit) {
        return new Promise(Kind.BELOW, Double.NEGATIVE_INFINITY, limit);
    }

    public static Promise above(double limit) {
        return new Promise(Kind.ABOVE, limit, Double.POSITIVE_INFINITY);
    }

    public static Promise atMost(double ratio) {
        return new Promise(Kind.AT_MOST, Double.NEGATIVE_INFINITY, ratio);
    }

    public static Promise reproduced(double value) {
        return new Promise(Kind.REPRODUCED, value, value);
    }

    public static Promise none() {
        return new Promise(Kind.NONE, 0, 0);
    }

    /** The bound of a one-sided promise. */
    public double limit() {
        return kind == Kind.ABOVE ? low : high;
    }
}
