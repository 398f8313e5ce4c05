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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Rows per second by insert mode and batch size, on a log scale: seed 001 claims "10-50x
 * improvement for bulk operations", and the modes differ by orders of magnitude.
 *
 * <p>Rows per second come from a secondary metric {@code rows} when the benchmark counts rows itself
 * (JMH {@code @AuxCounters}); otherwise from the score and the rows one operation writes (the
 * {@code batchSize} parameter, else {@code rows}), as docs/result-files.md records.
 */
final class InsertModes implements ReportSection {

    static final String ID = "insert-modes";
    private static final String TITLE = "Bulk vs single inserts";
    private static final Set<String> SHOWN = Set.of("insertMode", "batchSize");

    @Override
    public SectionView render(Run run) {
        String lead = "Rows per second per insert mode and batch size (log scale; bars: 99.9% confidence interval).";
        List<JmhResult> inserts = JmhSelection.having(run.jmh(), "insertMode", r -> rowsPerSecond(r).isPresent());
        if (inserts.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, run.jmhMeasured()
                    ? "no benchmark with an insertMode parameter ran" : "no JMH results");
        }
        List<Chart> charts = new ArrayList<>();
        Table.Builder table = Table.builder("Rows per second", "benchmark", "insert mode", "batch size", "configuration",
                "rows/s", "score");
        for (Map.Entry<String, List<JmhResult>> b : JmhSelection.groupBy(inserts, JmhResult::shortName).entrySet()) {
            List<String> batches = new ArrayList<>(b.getValue().stream().map(InsertModes::batch)
                    .collect(Collectors.toCollection(() -> new TreeSet<>(JmhSelection.numericOrder()))));
            Chart.Builder chart = Chart.bar(JmhSelection.slug(ID + "-" + b.getKey()), b.getKey() + ": rows per second by insert mode",
                    "batch size (rows)", "rows/s").categories(batches).logY();
            Map<String, List<JmhResult>> series = JmhSelection.groupBy(b.getValue(),
                    r -> r.params().get("insertMode") + seriesSuffix(r));
            for (Map.Entry<String, List<JmhResult>> s : series.entrySet()) {
                List<Chart.Datum> data = new ArrayList<>();
                for (JmhResult r : s.getValue()) {
                    double[] rate = rowsPerSecond(r).orElseThrow();
                    data.add(Chart.datum(batch(r), rate[0], rate[1], rate[2]));
                    Metric m = r.primary();
                    table.row(b.getKey(), r.params().get("insertMode"), batch(r), JmhSelection.otherParams(r, SHOWN),
                            Fmt.withError(rate[0], (rate[2] - rate[1]) / 2), Fmt.withError(m.score(), m.error()) + " " + m.unit());
                }
                chart.series(s.getKey(), data);
            }
            charts.add(chart.build());
        }
        return new SectionView(ID, TITLE, lead, List.of(), charts, List.of(table.build()));
    }

    private static String batch(JmhResult r) {
        return r.param("batchSize").or(() -> r.param("rows")).orElse("-");
    }

    private static String seriesSuffix(JmhResult r) {
        String other = JmhSelection.otherParams(r, SHOWN);
        return other.isEmpty() ? "" : " (" + other + ")";
    }

    /** {rows/s, low, high}, or empty when the result does not say how many rows an operation wrote. */
    static Optional<double[]> rowsPerSecond(JmhResult r) {
        Metric rows = r.secondary().get("rows");
        if (rows != null && Units.isThroughput(rows.unit())) {
            return Optional.of(perSecond(rows, 1));
        }
        Optional<String> perOp = r.param("batchSize").or(() -> r.param("rows"));
        if (perOp.isEmpty()) {
            return Optional.empty();
        }
        double n;
        try {
            n = Double.parseDouble(perOp.get());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Metric m = r.primary();
        if (Units.isThroughput(m.unit())) {
            return Optional.of(perSecond(m, n));
        }
        if (Units.isTime(m.unit())) {
            // n rows per operation of t seconds; the slow end of the interval gives the low rate
            double seconds = Units.convert(m.score(), m.unit(), "s/op");
            double fast = Units.convert(m.low(), m.unit(), "s/op");
            double slow = Units.convert(m.high(), m.unit(), "s/op");
            return Optional.of(new double[] {n / seconds, n / slow, n / fast});
        }
        return Optional.empty();
    }

    private static double[] perSecond(Metric m, double rowsPerOp) {
        return new double[] {Units.convert(m.score(), m.unit(), Units.OPS_PER_SECOND) * rowsPerOp,
                Units.convert(m.low(), m.unit(), Units.OPS_PER_SECOND) * rowsPerOp,
                Units.convert(m.high(), m.unit(), Units.OPS_PER_SECOND) * rowsPerOp};
    }
}
