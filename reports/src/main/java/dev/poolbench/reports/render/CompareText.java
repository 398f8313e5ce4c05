package dev.poolbench.reports.render;

import dev.poolbench.reports.claims.Measured;
import dev.poolbench.reports.claims.Verdict;
import dev.poolbench.reports.claims.VerdictComparison;
import dev.poolbench.reports.model.Point;
import dev.poolbench.reports.stats.ComparedPoint;
import dev.poolbench.reports.stats.Comparison;
import dev.poolbench.reports.stats.LoadComparison;
import dev.poolbench.reports.stats.Repeated;
import dev.poolbench.reports.stats.Significance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * compare's terminal output, laid out as benchstat lays it out: one table per unit, value and spread
 * for each run, then the change, or "~" when the samples do not show one at alpha 0.05.
 */
public final class CompareText {

    private CompareText() {
    }

    public static String render(String baselineName, String candidateName, Comparison c) {
        return render(baselineName, candidateName, c, List.of());
    }

    /** The JMH points' tables, then the load figures both runs have ({@link LoadComparison}). */
    public static String render(String baselineName, String candidateName, Comparison c, List<LoadComparison.Row> load) {
        StringBuilder out = new StringBuilder();
        out.append("baseline:  ").append(baselineName).append('\n');
        out.append("candidate: ").append(candidateName).append('\n');
        out.append("Mann-Whitney U test on iteration values, alpha = ").append(Significance.ALPHA)
                .append("; \"~\": no significant difference");
        if (!c.ignoredParams().isEmpty()) {
            out.append("; matched ignoring ").append(String.join(", ", c.ignoredParams()));
        }
        out.append('\n');
        for (Comparison.UnitTable t : c.tables()) {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {t.unit(), "baseline", "candidate", "delta"});
            for (ComparedPoint r : t.rows()) {
                lines.add(new String[] {r.label(), value(r.baseline()), value(r.candidate()), delta(r)});
            }
            Comparison.Geomean g = t.geomean();
            lines.add(new String[] {"geomean", Fmt.number(g.baseline()), Fmt.number(g.candidate()), Fmt.signedPercent(g.deltaPct())});
            out.append('\n');
            columns(out, lines);
        }
        if (c.tables().isEmpty()) {
            out.append("\nno point was measured by both runs\n");
        } else {
            long slower = c.significant().stream().filter(r -> r.slowdownPct() > 0).count();
            out.append('\n').append(c.significant().size()).append(" of ").append(c.rows().size())
                    .append(" shared points differ significantly (").append(slower).append(" worse, ")
                    .append(c.significant().size() - slower).append(" better)\n");
            undetectable(c).ifPresent(note -> out.append("note: ").append(note).append('\n'));
        }
        only(out, "only in baseline", c.onlyInBaseline(), c);
        only(out, "only in candidate", c.onlyInCandidate(), c);
        if (!load.isEmpty()) {
            out.append('\n').append(LOAD_LEAD).append('\n').append('\n');
            List<String[]> lines = new ArrayList<>();
            lines.add(LOAD_HEADER);
            for (LoadComparison.Row r : load) {
                lines.add(loadCells(r));
            }
            columns(out, lines);
            long significant = load.stream().filter(LoadComparison.Row::significant).count();
            long worse = load.stream().filter(r -> r.significant() && r.slowdownPct() > 0).count();
            long untested = load.stream().filter(r -> r.pValue().isEmpty()).count();
            out.append('\n').append(significant).append(" of ").append(load.size()).append(" load figures differ significantly (")
                    .append(worse).append(" worse, ").append(significant - worse).append(" better)")
                    .append(untested == 0 ? "" : "; " + untested + " not tested, one run on a side").append('\n');
        }
        return out.toString();
    }

    /** What the verdicts' table shows. */
    public static final String VERDICTS_LEAD = "claims: each verdict in both runs; a verdict is settled when it is measured,"
            + " decided and not indicative, and only two settled verdicts can disagree";
    static final String[] VERDICTS_HEADER = {"claim", "stack", "baseline", "candidate", "agreement"};

    /**
     * The claims' verdicts in both runs ({@link VerdictComparison}), with how many settled ones agree; empty when neither
     * run judged a claim.
     */
    public static String verdicts(List<VerdictComparison.Row> rows) {
        if (!anyJudged(rows)) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n").append(VERDICTS_LEAD).append("\n\n");
        List<String[]> lines = new ArrayList<>();
        lines.add(VERDICTS_HEADER);
        rows.forEach(r -> lines.add(verdictCells(r)));
        columns(out, lines);
        long settled = rows.stream().filter(VerdictComparison.Row::settled).count();
        long differ = VerdictComparison.disagreements(rows).size();
        out.append('\n').append(settled).append(" of ").append(rows.size()).append(" verdicts settled in both runs: ")
                .append(settled - differ).append(" agree, ").append(differ).append(" disagree\n");
        return out.toString();
    }

    /** Whether either run judged any claim: else there are no verdicts to set side by side. */
    public static boolean anyJudged(List<VerdictComparison.Row> rows) {
        return rows.stream().anyMatch(r -> r.baseline().verdict() != Verdict.CANNOT_MEASURE
                || r.candidate().verdict() != Verdict.CANNOT_MEASURE);
    }

    /** A verdict row's cells: the claim, the stack, both verdicts as the report words them, and whether they agree. */
    public static String[] verdictCells(VerdictComparison.Row r) {
        String agreement = !r.settled() ? "not settled"
                : r.disagrees() ? "DISAGREE" : "agree";
        return new String[] {r.claimId(), r.stack(), r.baseline().verdictWords(), r.candidate().verdictWords(), agreement};
    }

    /** What the load figures' table shows. */
    public static final String LOAD_LEAD = "load figures: the median of each configuration's runs [95% interval, runs];"
            + " Welch's t-test across the runs, alpha = " + Significance.ALPHA + "; \"~\": no significant difference";
    static final String[] LOAD_HEADER = {"load figure", "baseline", "candidate", "change", "test"};

    /** A load figure's cells: its label, both medians with their intervals, the change, and the test. */
    public static String[] loadCells(LoadComparison.Row r) {
        return new String[] {r.label() + (r.unit().equals("ms") ? " ms" : ""), loadValue(r.baselineFigure()),
                loadValue(r.candidateFigure()), Fmt.signedPercent(r.deltaPct()), loadTest(r)};
    }

    /** "p=0.012 n=3+3", "~ p=0.421 n=3+3", or "not tested (1 run)". */
    public static String loadTest(LoadComparison.Row r) {
        if (r.pValue().isEmpty()) {
            return "not tested (1 run)";
        }
        String test = "p=" + Fmt.pValue(r.pValue().getAsDouble()) + " n=" + r.baseline().length + "+" + r.candidate().length;
        return r.significant() ? test : "~ " + test;
    }

    private static String loadValue(Repeated.Estimate e) {
        return Fmt.number(e.value()) + " " + Measured.runs(e, 1);
    }

    /**
     * A warning when some points cannot show a difference at all: JMH runs of 3 iterations a side
     * (a quick profile) read as "~" everywhere, which must not pass for "no change".
     */
    static Optional<String> undetectable(Comparison c) {
        List<ComparedPoint> blind = c.undetectable();
        if (blind.isEmpty()) {
            return Optional.empty();
        }
        ComparedPoint example = blind.get(0);
        int n1 = example.baseline().samples().length;
        int n2 = example.candidate().samples().length;
        return Optional.of(blind.size() + " of " + c.rows().size() + " shared points have too few iterations for any"
                + " difference to be significant (" + n1 + "+" + n2 + ": the smallest possible p is "
                + Fmt.pValue(Significance.smallestPValue(n1, n2)) + "); their \"~\" means not tested, not no change."
                + " Measure 5 or more iterations per run.");
    }

    /** {@code 12,345 ±2%}. */
    static String value(Point p) {
        String spread = Fmt.spread(p.value(), p.low(), p.high());
        return Fmt.number(p.value()) + (spread.isEmpty() ? "" : " " + spread);
    }

    /** {@code -20.0% (p=0.008 n=5+5)} or {@code ~ (p=0.421 n=5+5)}. */
    public static String delta(ComparedPoint r) {
        String n = "n=" + r.baseline().samples().length + "+" + r.candidate().samples().length;
        String stats = r.pValue().isPresent() ? "(p=" + Fmt.pValue(r.pValue().getAsDouble()) + " " + n + ")" : "(" + n + ", too few to test)";
        return (r.significant() ? Fmt.signedPercent(r.deltaPct()) : "~") + " " + stats;
    }

    private static void only(StringBuilder out, String title, List<Point> points, Comparison c) {
        if (points.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (").append(points.size()).append("):\n");
        for (Point p : points) {
            out.append("  ").append(p.label(c.ignoredParams())).append("  ").append(value(p)).append(' ').append(p.unit()).append('\n');
        }
    }

    /** The first column left-aligned, the middle ones right-aligned, the last as it is. */
    private static void columns(StringBuilder out, List<String[]> lines) {
        int n = lines.get(0).length;
        int[] width = new int[n];
        for (String[] l : lines) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width[0] + "s", l[0]));
            for (int i = 1; i < n - 1; i++) {
                line.append(String.format(Locale.ROOT, "  %" + width[i] + "s", l[i]));
            }
            line.append("  ").append(l[n - 1]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
