package dev.poolbench.reports.claims;

import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.stats.Repeated;

/**
 * The verdict rules, the same for every claim of a kind:
 * <ul>
 *   <li>a promised improvement factor "lo-hi x" <b>holds</b> when the measured factor's whole interval lies in
 *       [lo, hi]; it holds <b>partly</b> when the measured factor is a real improvement (its whole interval above 1)
 *       and its whole interval lies outside the range, below or above; it <b>does not hold</b> when the interval
 *       reaches 1 or below and not into the range (no improvement the measurement can tell from none); and it is
 *       <b>undecided</b> when the interval reaches across one of those lines (into the range and out of it, or into
 *       the range and down to 1), where a second run's interval would fall on either side: two 3-fork runs of one
 *       commit measured seed 001's bulk factor 7.63x (6.08-9.68) and 8.15x (5.91-11.28) against its 10-50x, and a rule
 *       that let an interval reaching into the range hold called them partly and holds;</li>
 *   <li>a threshold ("under 2000 ms") <b>holds</b> when the measured value is on the promised side; for a load
 *       figure with an interval from its runs, when the whole interval is, <b>does not hold</b> when the whole
 *       interval is on the other side, and is <b>undecided</b> when the interval reaches both.</li>
 * </ul>
 */
final class Judge {

    private Judge() {
    }

    static Verdict factor(Measured m, double lo, double hi) {
        boolean reachesRange = m.high() >= lo && m.low() <= hi;
        if (m.low() <= 1.0) {
            return reachesRange ? Verdict.UNDECIDED : Verdict.DOES_NOT_HOLD;
        }
        if (m.low() >= lo && m.high() <= hi) {
            return Verdict.HOLDS;
        }
        return reachesRange ? Verdict.UNDECIDED : Verdict.PARTLY;
    }

    static String factorWhy(Measured m, double lo, double hi) {
        String range = Fmt.number(lo) + "-" + Fmt.number(hi) + "x";
        switch (factor(m, lo, hi)) {
            case HOLDS:
                return "the measured factor falls in the promised " + range;
            case UNDECIDED:
                String to = m.high() > hi ? "above" : "inside";
                String across = m.low() <= 1.0 ? "from no improvement to " + to + " the promised " + range
                        : "from " + (m.low() < lo ? "below" : "inside") + " the promised " + range + " to " + to + " it";
                return "the measured factor, " + Fmt.number(m.value()) + "x, has an interval " + across
                        + ": this run cannot tell whether the claim holds; more runs or forks could settle it";
            case PARTLY:
                return "a real improvement, " + (m.low() > hi ? "larger" : "smaller") + " than promised (" + range + ")";
            default:
                return m.high() < 1.0 ? "slower, not faster" : "no improvement the measurement can tell from none";
        }
    }

    /** A threshold on a load figure: its whole interval below {@code limit}, or above it, or neither. */
    static Verdict below(Measured m, double limit) {
        if (!m.hasInterval()) {
            return below(m.value(), limit);
        }
        return m.high() < limit ? Verdict.HOLDS : m.low() >= limit ? Verdict.DOES_NOT_HOLD : Verdict.UNDECIDED;
    }

    static Verdict above(Measured m, double limit) {
        if (!m.hasInterval()) {
            return above(m.value(), limit);
        }
        return m.low() > limit ? Verdict.HOLDS : m.high() <= limit ? Verdict.DOES_NOT_HOLD : Verdict.UNDECIDED;
    }

    /** "; its runs' interval reaches both sides of 2,000", when {@code verdict} is undecided. */
    static String undecided(Verdict verdict, double limit, double scale) {
        return verdict == Verdict.UNDECIDED ? "; the interval of its runs reaches both sides of " + Fmt.number(scale * limit)
                + ": more runs could settle it" : "";
    }

    static Verdict below(double value, double limit) {
        return value < limit ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
    }

    static Verdict above(double value, double limit) {
        return value > limit ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
    }

    /** "3.1x [2.8-3.4, 3 runs]": a factor of two load figures. */
    static String factorText(Repeated.Estimate e) {
        return Fmt.number(e.value()) + "x " + Measured.runs(e, 1);
    }

    /** "3.1x (2.8-3.4)". */
    static String factorText(Measured m) {
        return Fmt.number(m.value()) + "x (" + Fmt.number(m.low()) + "-" + Fmt.number(m.high()) + ")";
    }
}
