package dev.poolbench.reports.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers read in the reports: enough digits to tell points apart, never more than measured. */
public final class Fmt {

    private Fmt() {
    }

    /**
     * {@code 12,345}, {@code 123.4}, {@code 12.35}, {@code 1.235}, {@code 0.250}, {@code 0.0123}; whole
     * numbers as they are ({@code 3}); "-" for no value.
     */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        // three significant digits, trailing zeros kept: 0.250 beside 6.500
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3));
        return rounded.setScale(Math.max(rounded.scale(), rounded.scale() - rounded.precision() + 3)).toPlainString();
    }

    /** {@code 1,234 ± 56}: a score with JMH's error, or the score alone when there is none. */
    public static String withError(double score, double error) {
        String value = number(score);
        if (Double.isNaN(error) || Double.isInfinite(error) || value.equals("-")) {
            return value;
        }
        // the error to the score's last digit: "1,200 ± 146", "4.917 ± 0.120"
        int decimals = value.contains(".") ? value.length() - value.indexOf('.') - 1 : 0;
        return value + " ± " + String.format(Locale.ROOT, "%,." + decimals + "f", error);
    }

    /** {@code +12.3%}, {@code -4.0%}. */
    public static String signedPercent(double pct) {
        if (Double.isNaN(pct) || Double.isInfinite(pct)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    /** {@code ±2%}: an interval's half-width relative to the value, as benchstat shows spread. */
    public static String spread(double value, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high) || value == 0) {
            return "";
        }
        double half = Math.max(high - value, value - low);
        return String.format(Locale.ROOT, "±%.0f%%", Math.abs(half / value * 100));
    }

    public static String pValue(double p) {
        return String.format(Locale.ROOT, "%.3f", p);
    }

    /** {@code 99.0%} for a fraction 0.99. */
    public static String fraction(double f) {
        if (Double.isNaN(f)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", f * 100);
    }
}
