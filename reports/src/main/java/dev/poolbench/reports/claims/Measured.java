package dev.poolbench.reports.claims;

import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.stats.Repeated;

import java.util.List;

/**
 * A measured figure: its value, its interval when the measurement has one (JMH's 99.9% confidence
 * interval, an interval derived from two of them, or a load figure's 95% interval from its repeated runs),
 * how to say it, and where in run.json the numbers come from.
 *
 * @param runs for a load figure, how many claims-run repetitions it comes from (1: no interval, so a verdict on it
 *             is only indicative); 0 for any other figure
 */
public record Measured(double value, double low, double high, String text, List<String> evidence, int runs) {

    /** A figure that is not from the claims run's repeated load runs. */
    public Measured(double value, double low, double high, String text, List<String> evidence) {
        this(value, low, high, text, evidence, 0);
    }

    /** A figure from a single measurement, which has no interval of its own. */
    public static Measured single(double value, String text, List<String> evidence) {
        return new Measured(value, value, value, text, List.copyOf(evidence));
    }

    /** A load figure from its runs ({@link Repeated}): with one run, the value alone. */
    public static Measured load(Repeated.Estimate e, String text, List<String> evidence) {
        return e.hasInterval() ? new Measured(e.value(), e.low(), e.high(), text, List.copyOf(evidence), e.runs())
                : new Measured(e.value(), e.value(), e.value(), text, List.copyOf(evidence), e.runs());
    }

    /** The same figure, said as {@code text} (which may quote the figure's own interval). */
    public Measured withText(String text) {
        return new Measured(value, low, high, text, evidence, runs);
    }

    public boolean hasInterval() {
        return low != high;
    }

    /** A load figure from one run: a verdict on it cannot say how sure it is. */
    public boolean indicative() {
        return runs == 1;
    }

    /** "2.200 [1.952-2.448, 3 runs]", "2.280 [1 run, no interval]": a load figure, times {@code scale}, with its runs. */
    public static String figure(Repeated.Estimate e, double scale) {
        return Fmt.number(scale * e.value()) + " " + runs(e, scale);
    }

    /** "[1.952-2.448, 3 runs]" or "[1 run, no interval]": a load figure's 95% interval, times {@code scale}, and its runs. */
    public static String runs(Repeated.Estimate e, double scale) {
        if (!e.hasInterval()) {
            return "[" + e.runs() + (e.runs() == 1 ? " run" : " runs") + ", no interval]";
        }
        return "[" + Fmt.number(scale * e.low()) + "-" + Fmt.number(scale * e.high()) + ", " + e.runs() + " runs]";
    }
}
