package dev.poolbench.reports.model;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * JMH's units ({@code ops/ms}, {@code us/op}, ...) and conversion between them, so charts and
 * comparisons put {@code ops/ms} and {@code ops/s} on one axis instead of side by side.
 */
public final class Units {

    public static final String OPS_PER_SECOND = "ops/s";
    public static final String MS_PER_OP = "ms/op";

    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0);

    private Units() {
    }

    /** The factor that turns a value in {@code from} into {@code to}; empty when they measure different things. */
    public static OptionalDouble factor(String from, String to) {
        if (from.equals(to)) {
            return OptionalDouble.of(1);
        }
        String[] f = from.split("/");
        String[] t = to.split("/");
        if (f.length != 2 || t.length != 2) {
            return OptionalDouble.empty();
        }
        OptionalDouble numerator = part(f[0], t[0]);
        OptionalDouble denominator = part(t[1], f[1]);
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(numerator.getAsDouble() * denominator.getAsDouble());
    }

    /** {@code value} in {@code to}; NaN when the units do not convert. */
    public static double convert(double value, String from, String to) {
        OptionalDouble factor = factor(from, to);
        return factor.isPresent() ? value * factor.getAsDouble() : Double.NaN;
    }

    public static boolean isThroughput(String unit) {
        return factor(unit, OPS_PER_SECOND).isPresent();
    }

    public static boolean isTime(String unit) {
        return factor(unit, MS_PER_OP).isPresent();
    }

    private static OptionalDouble part(String from, String to) {
        if (isCount(from) && isCount(to)) {
            return OptionalDouble.of(1);
        }
        Double f = SECONDS.get(from);
        Double t = SECONDS.get(to);
        return f == null || t == null ? OptionalDouble.empty() : OptionalDouble.of(f / t);
    }

    private static boolean isCount(String part) {
        return part.equals("op") || part.equals("ops");
    }
}
