package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.Samples;
import dev.poolbench.reports.model.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Throughput and p99 per pool strategy, for every pool size and caller count measured: the seeds'
 * central argument (000: NullPool vs StaticPool vs QueuePool). Error bars are JMH's 99.9% confidence
 * intervals for throughput and the spread of the iterations' p99s for p99.
 */
final class StrategyComparison implements ReportSection {

    static final String ID = "strategies";
    private static final String TITLE = "Strategy comparison";
    private static final Set<String> SHOWN = JmhSelection.STRATEGY_PARAMS;

    @Override
    public SectionView render(Run run) {
        String lead = "Throughput and 99th-percentile latency per pool strategy x pool size x threads.";
        // Overhead has a section of its own; PoolSizing's strategy is a series of the pool-size curves
        List<JmhResult> withStrategy = JmhSelection.having(run.jmh(), "strategy",
                r -> !r.shortName().startsWith(OverheadSection.CLASS) && !r.shortName().startsWith("PoolSizing."));
        if (withStrategy.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, run.jmhMeasured()
                    ? "no benchmark with a strategy parameter ran" : "no JMH results");
        }
        List<Chart> charts = new ArrayList<>();
        Table.Builder table = Table.builder("Per strategy", "benchmark", "strategy", "configuration", "mode",
                "throughput (ops/s)", "p99 (ms), lowest-highest iteration");
        Map<String, List<JmhResult>> byBenchmark = JmhSelection.groupBy(withStrategy, JmhResult::shortName);
        for (Map.Entry<String, List<JmhResult>> b : byBenchmark.entrySet()) {
            List<JmhResult> throughput = b.getValue().stream().filter(JmhResult::isThroughput).collect(Collectors.toList());
            List<JmhResult> sample = b.getValue().stream().filter(JmhResult::isSampleTime).collect(Collectors.toList());
            if (!throughput.isEmpty()) {
                charts.add(chart(b.getKey(), "throughput", throughput, false));
            }
            if (!sample.isEmpty()) {
                charts.add(chart(b.getKey(), "p99", sample, true));
            }
            for (JmhResult r : b.getValue()) {
                Metric m = r.primary();
                String thrpt = r.isThroughput() ? JmhSelection.opsWithError(m) : "";
                String p99 = r.isSampleTime() ? Fmt.number(ms(m, m.p99())) + " (" + Fmt.number(ms(m, Samples.min(m.iterationP99s())))
                        + "-" + Fmt.number(ms(m, Samples.max(m.iterationP99s()))) + ")" : "";
                table.row(b.getKey(), JmhSelection.strategy(r.params()), JmhSelection.otherParams(r, SHOWN), r.mode(), thrpt, p99);
            }
        }
        List<String> notes = JmhSelection.poolerNotes(withStrategy.stream().map(JmhResult::params).collect(Collectors.toList()));
        return new SectionView(ID, TITLE, lead, notes, charts, List.of(table.build()));
    }

    private static Chart chart(String benchmark, String what, List<JmhResult> results, boolean p99) {
        List<String> strategies = new ArrayList<>(results.stream().map(r -> JmhSelection.strategy(r.params()))
                .collect(Collectors.toCollection(() -> new TreeSet<>(JmhSelection.strategyOrder()))));
        Chart.Builder chart = Chart.bar(JmhSelection.slug(ID + "-" + benchmark + "-" + what),
                benchmark + ": " + (p99 ? "p99 latency per strategy (bars: range over iterations)"
                        : "throughput per strategy (bars: 99.9% confidence interval)"),
                "strategy", p99 ? "p99 (ms)" : "ops/s").categories(strategies);
        for (Map.Entry<String, List<JmhResult>> series : JmhSelection.groupBy(results, r -> JmhSelection.otherParams(r, SHOWN)).entrySet()) {
            List<Chart.Datum> data = new ArrayList<>();
            for (JmhResult r : series.getValue()) {
                Metric m = r.primary();
                if (p99) {
                    data.add(Chart.datum(JmhSelection.strategy(r.params()), ms(m, m.p99()), ms(m, Samples.min(m.iterationP99s())), ms(m, Samples.max(m.iterationP99s()))));
                } else {
                    data.add(Chart.datum(JmhSelection.strategy(r.params()), JmhSelection.opsPerSecond(m, m.score()),
                            JmhSelection.opsPerSecond(m, m.low()), JmhSelection.opsPerSecond(m, m.high())));
                }
            }
            chart.series(series.getKey(), data);
        }
        return chart.build();
    }

    private static double ms(Metric m, double value) {
        return Units.convert(value, m.unit(), Units.MS_PER_OP);
    }
}
