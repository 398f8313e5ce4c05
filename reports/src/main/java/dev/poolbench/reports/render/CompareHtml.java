package dev.poolbench.reports.render;

import dev.poolbench.reports.claims.VerdictComparison;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.model.Point;
import dev.poolbench.reports.stats.ComparedPoint;
import dev.poolbench.reports.stats.Comparison;
import dev.poolbench.reports.stats.LoadComparison;
import dev.poolbench.reports.stats.Significance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** compare.html: the same tables as the terminal, and the changes as a chart, significant ones apart. */
public final class CompareHtml {

    private CompareHtml() {
    }

    public static String render(String baselineName, String candidateName, Comparison c) {
        return render(baselineName, candidateName, c, List.of());
    }

    /** The JMH points' tables and charts, then the load figures both runs have. */
    public static String render(String baselineName, String candidateName, Comparison c, List<LoadComparison.Row> load) {
        return render(baselineName, candidateName, c, load, List.of());
    }

    /** As above, then the claims' verdicts in both runs ({@link VerdictComparison}). */
    public static String render(String baselineName, String candidateName, Comparison c, List<LoadComparison.Row> load,
                                List<VerdictComparison.Row> verdicts) {
        List<Table> tables = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        int i = 0;
        for (Comparison.UnitTable t : c.tables()) {
            Table.Builder table = Table.builder(t.unit(), "point", "baseline", "candidate", "delta");
            List<String> labels = new ArrayList<>();
            List<Chart.Datum> significant = new ArrayList<>();
            List<Chart.Datum> noise = new ArrayList<>();
            List<Point> points = t.rows().stream().map(ComparedPoint::baseline).collect(Collectors.toList());
            for (ComparedPoint r : t.rows()) {
                table.row(r.label(), CompareText.value(r.baseline()), CompareText.value(r.candidate()), CompareText.delta(r));
                // the table names each point in full; the chart's axis only by what tells them apart
                String shortLabel = distinguishing(r.baseline(), points, c.ignoredParams());
                labels.add(shortLabel);
                (r.significant() ? significant : noise).add(Chart.datum(shortLabel, r.deltaPct(), Double.NaN, Double.NaN));
            }
            Comparison.Geomean g = t.geomean();
            table.row("geomean", Fmt.number(g.baseline()), Fmt.number(g.candidate()), Fmt.signedPercent(g.deltaPct()));
            tables.add(table.build());
            Chart.Builder chart = Chart.bar("compare-" + i++, "Change per point, " + t.unit() + " (candidate vs baseline, %)",
                    "point", "delta %").categories(labels);
            chart.series("significant", significant);
            chart.series("~ (not significant)", noise);
            charts.add(chart.build());
        }
        tables.add(onlyTable("Only in baseline", c.onlyInBaseline(), c));
        tables.add(onlyTable("Only in candidate", c.onlyInCandidate(), c));
        if (!load.isEmpty()) {
            Table.Builder table = Table.builder("Load figures", CompareText.LOAD_HEADER);
            load.forEach(r -> table.row(CompareText.loadCells(r)));
            tables.add(table.build());
        }
        if (CompareText.anyJudged(verdicts)) {
            Table.Builder table = Table.builder("Verdicts in both runs", CompareText.VERDICTS_HEADER);
            verdicts.forEach(r -> table.row(CompareText.verdictCells(r)));
            tables.add(table.build());
        }

        SectionView view = new SectionView("comparison", "Comparison",
                "Mann-Whitney U test on iteration values, alpha = " + Significance.ALPHA + "; \"~\": no significant difference.",
                notes(c, load, verdicts),
                charts, tables);
        Map<String, Object> page = new HashMap<>();
        page.put("title", "poolbench compare");
        page.put("subtitle", "baseline: " + baselineName + " / candidate: " + candidateName);
        page.put("sections", List.of(view));
        page.put("chartData", Json.forScript(charts));
        page.put("style", Assets.style());
        page.put("echarts", Assets.echarts());
        page.put("chartScript", Assets.chartScript());
        return Assets.template("report.html.mustache").execute(page);
    }

    private static List<String> notes(Comparison c, List<LoadComparison.Row> load, List<VerdictComparison.Row> verdicts) {
        List<String> notes = new ArrayList<>();
        if (!c.ignoredParams().isEmpty()) {
            notes.add("Points matched ignoring: " + String.join(", ", c.ignoredParams()));
        }
        CompareText.undetectable(c).ifPresent(notes::add);
        if (!load.isEmpty()) {
            notes.add("Load figures: " + CompareText.LOAD_LEAD.substring("load figures: ".length()) + ".");
        }
        if (CompareText.anyJudged(verdicts)) {
            long settled = verdicts.stream().filter(VerdictComparison.Row::settled).count();
            notes.add("Claims: " + CompareText.VERDICTS_LEAD.substring("claims: ".length()) + "; " + settled + " of "
                    + verdicts.size() + " settled in both runs, " + VerdictComparison.disagreements(verdicts).size()
                    + " disagree.");
        }
        return notes;
    }

    /** "strategy=queue": the parts of a point's label that differ among {@code all}; the full label if none do. */
    static String distinguishing(Point p, List<Point> all, Set<String> ignored) {
        List<String> parts = new ArrayList<>();
        if (all.stream().map(Point::name).distinct().count() > 1) {
            parts.add(p.name());
        }
        if (all.stream().map(Point::mode).distinct().count() > 1) {
            parts.add(p.mode());
        }
        if (all.stream().map(Point::threads).distinct().count() > 1) {
            parts.add("threads=" + p.threads());
        }
        Set<String> keys = new TreeSet<>();
        all.forEach(o -> keys.addAll(o.params().keySet()));
        for (String key : keys) {
            if (!ignored.contains(key) && all.stream().map(o -> String.valueOf(o.params().get(key))).distinct().count() > 1) {
                parts.add(key + "=" + p.params().getOrDefault(key, "-"));
            }
        }
        if (all.stream().map(Point::metric).distinct().count() > 1) {
            parts.add(p.metric());
        }
        return parts.isEmpty() ? p.label(ignored) : String.join(" ", parts);
    }

    private static Table onlyTable(String caption, List<Point> points, Comparison c) {
        Table.Builder t = Table.builder(caption + " (" + points.size() + ")", "point", "value", "unit");
        for (Point p : points) {
            t.row(p.label(c.ignoredParams()), CompareText.value(p), p.unit());
        }
        return t.build();
    }
}
