package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.Environment;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.Units;
import dev.poolbench.results.PoolSizingPeaks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pool size against what it buys, one chart per number of callers. The seeds raise pool sizes by
 * hand (001: 5 to 20, 002: 20 to 50); this puts the measured peak beside PostgreSQL's rule of thumb,
 * connections = cores x 2 + effective spindles. A throughput benchmark peaks at its highest score;
 * a time benchmark (PoolSizing: the time for a fixed batch of calls) at its lowest.
 */
final class PoolSizeCurve implements ReportSection {

    static final String ID = "pool-size";
    private static final String TITLE = "Pool-size curve";
    private static final Set<String> SHOWN = Set.of("poolSize", "callers");

    private final int spindles;

    PoolSizeCurve(int spindles) {
        this.spindles = spindles;
    }

    @Override
    public SectionView render(Run run) {
        String lead = "What each pool size gives, per number of callers; the marked point of each line is its measured peak"
                + " (bars: 99.9% confidence interval).";
        List<JmhResult> sized = JmhSelection.having(run.jmh(), "poolSize",
                r -> Units.isThroughput(r.primary().unit()) || Units.isTime(r.primary().unit()));
        Map<String, List<JmhResult>> curves = JmhSelection.groupBy(sized, PoolSizeCurve::curveKey);
        curves.values().removeIf(c -> c.stream().map(r -> r.params().get("poolSize")).distinct().count() < 2);
        if (curves.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, run.jmhMeasured()
                    ? "no benchmark ran at two or more pool sizes" : "no JMH results");
        }
        List<String> notes = new ArrayList<>();
        Optional<Integer> prediction = prediction(run, notes);
        List<Chart> charts = new ArrayList<>();
        Table.Builder table = Table.builder("Measured peaks", "benchmark", "callers", "series", "pool sizes measured",
                "peak at pool size", "score at the peak", "prediction");
        Map<String, List<JmhResult>> byChart = JmhSelection.groupBy(
                curves.values().stream().flatMap(List::stream).collect(Collectors.toList()),
                r -> r.shortName() + ", " + r.callers() + (r.callers() == 1 ? " caller" : " callers"));
        for (Map.Entry<String, List<JmhResult>> c : byChart.entrySet()) {
            boolean throughput = Units.isThroughput(c.getValue().get(0).primary().unit());
            String unit = throughput ? Units.OPS_PER_SECOND : Units.MS_PER_OP;
            Chart.Builder chart = Chart.line(JmhSelection.slug(ID + "-" + c.getKey()),
                    c.getKey() + (throughput ? ": throughput by pool size" : ": time by pool size (lower is better)"),
                    "pool size", unit).markPeak(throughput);
            prediction.ifPresent(p -> chart.marker("cores x 2 + spindles = " + p, p));
            Set<String> shown = shownOrAlike(c.getValue());
            for (Map.Entry<String, List<JmhResult>> s : JmhSelection.groupBy(c.getValue(), r -> JmhSelection.otherParams(r, shown)).entrySet()) {
                List<JmhResult> points = new ArrayList<>(s.getValue());
                points.sort(Comparator.comparingInt(r -> Integer.parseInt(r.params().get("poolSize"))));
                List<Chart.Datum> data = new ArrayList<>();
                for (JmhResult r : points) {
                    Metric m = r.primary();
                    data.add(Chart.datum(Integer.parseInt(r.params().get("poolSize")), in(m, m.score(), unit),
                            in(m, m.low(), unit), in(m, m.high(), unit)));
                }
                chart.series(s.getKey(), data);
                Comparator<JmhResult> byScore = Comparator.comparingDouble(r -> in(r.primary(), r.primary().score(), unit));
                JmhResult peak = (throughput ? points.stream().max(byScore) : points.stream().min(byScore)).orElseThrow();
                table.row(peak.shortName(), String.valueOf(peak.callers()), s.getKey(),
                        points.stream().map(r -> r.params().get("poolSize")).collect(Collectors.joining(", ")),
                        peak.params().get("poolSize"),
                        Fmt.withError(in(peak.primary(), peak.primary().score(), unit), in(peak.primary(), peak.primary().error(), unit))
                                + " " + unit,
                        prediction.map(String::valueOf).orElse("-"));
            }
            charts.add(chart.build());
        }
        return new SectionView(ID, TITLE, lead, notes, charts, List.of(table.build()));
    }

    private static double in(Metric m, double value, String unit) {
        return Units.convert(value, m.unit(), unit);
    }

    /**
     * cores x 2 + spindles, with bench-pools' own cores and spindles when it recorded them (so the
     * report and pool-sizing.json agree), else the environment record's cores and the report's spindles.
     */
    private Optional<Integer> prediction(Run run, List<String> notes) {
        if (run.poolSizing().isPresent()) {
            PoolSizingPeaks f = run.poolSizing().get();
            int poolSize = f.cores() * 2 + f.spindles();
            notes.add("Prediction: cores x 2 + spindles = " + f.cores() + " x 2 + " + f.spindles() + " = " + poolSize
                    + " connections (cores and spindles as bench-pools recorded them in pool-sizing.json).");
            return Optional.of(poolSize);
        }
        Optional<Integer> cores = run.jmhEnvironment().map(Environment::cores).filter(c -> c > 0);
        if (cores.isEmpty()) {
            notes.add("The cores x 2 + spindles prediction is not drawn: this run has no environment record from bench-pools.");
            return Optional.empty();
        }
        int predicted = cores.get() * 2 + spindles;
        notes.add("Prediction: cores x 2 + spindles = " + cores.get() + " x 2 + " + spindles + " = " + predicted
                + " connections (cores from the benchmark machine's environment record; spindles " + spindles
                + ", as given to the report; the formula counts the database server's cores).");
        return Optional.of(predicted);
    }

    /** Results on one curve share everything but the pool size. */
    private static String curveKey(JmhResult r) {
        Map<String, String> rest = new TreeMap<>(r.params());
        rest.remove("poolSize");
        return r.benchmark() + "|" + r.mode() + "|" + r.threads() + "|" + rest;
    }

    /**
     * The parameters a chart's series are not named by: the axes, and every parameter all its points share (one
     * strategy, no pooler), so a series reads "strategy=queue" only where strategies differ.
     */
    private static Set<String> shownOrAlike(List<JmhResult> chart) {
        Set<String> shown = new HashSet<>(SHOWN);
        for (String name : chart.get(0).params().keySet()) {
            if (chart.stream().map(r -> r.params().get(name)).distinct().count() == 1) {
                shown.add(name);
            }
        }
        return shown;
    }
}
