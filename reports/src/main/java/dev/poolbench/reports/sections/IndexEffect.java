package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Filtered-query time against table size, with and without seed 001's indexes: where an index
 * starts to matter is a question of table size, so both are on the chart.
 */
final class IndexEffect implements ReportSection {

    static final String ID = "index-effect";
    private static final String TITLE = "Index effect";
    private static final Set<String> SHOWN = Set.of("indexed", "rows");

    @Override
    public SectionView render(Run run) {
        String lead = "Time per filtered query against table size, indexed vs not (log scale; bars: 99.9% confidence interval).";
        List<JmhResult> indexed = JmhSelection.having(run.jmh(), "indexed",
                r -> r.params().containsKey("rows") && Units.isTime(r.primary().unit()));
        if (indexed.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, run.jmhMeasured()
                    ? "no time-per-operation benchmark with indexed and rows parameters ran" : "no JMH results");
        }
        List<Chart> charts = new ArrayList<>();
        Table.Builder table = Table.builder("Time per query", "benchmark", "table rows", "indexed", "configuration", "mode",
                "time (ms/op)");
        for (Map.Entry<String, List<JmhResult>> b : JmhSelection.groupBy(indexed, r -> r.shortName() + " " + r.mode()).entrySet()) {
            List<String> sizes = new ArrayList<>(b.getValue().stream().map(r -> r.params().get("rows"))
                    .collect(Collectors.toCollection(() -> new TreeSet<>(JmhSelection.numericOrder()))));
            Chart.Builder chart = Chart.bar(JmhSelection.slug(ID + "-" + b.getKey()), b.getKey() + ": time per filtered query",
                    "table rows", "ms/op").categories(sizes).logY();
            Map<String, List<JmhResult>> series = JmhSelection.groupBy(b.getValue(), r -> ("true".equals(r.params().get("indexed"))
                    ? "indexed" : "no index") + suffix(r));
            for (Map.Entry<String, List<JmhResult>> s : series.entrySet()) {
                List<Chart.Datum> data = new ArrayList<>();
                for (JmhResult r : s.getValue()) {
                    Metric m = r.primary();
                    data.add(Chart.datum(r.params().get("rows"), ms(m, m.score()), ms(m, m.low()), ms(m, m.high())));
                    table.row(r.shortName(), r.params().get("rows"), r.params().get("indexed"), JmhSelection.otherParams(r, SHOWN),
                            r.mode(), Fmt.withError(ms(m, m.score()), ms(m, m.error())));
                }
                chart.series(s.getKey(), data);
            }
            charts.add(chart.build());
        }
        return new SectionView(ID, TITLE, lead, List.of(), charts, List.of(table.build()));
    }

    private static String suffix(JmhResult r) {
        String other = JmhSelection.otherParams(r, SHOWN);
        return " (" + other + ")";
    }

    private static double ms(Metric m, double value) {
        return Units.convert(value, m.unit(), Units.MS_PER_OP);
    }
}
