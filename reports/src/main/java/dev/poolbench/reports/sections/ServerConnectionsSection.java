package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.LoadSummaryFile;
import dev.poolbench.reports.model.Run;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ServerConnectionPoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * What each strategy cost the database in connections, as pg_stat_activity saw it: seed 000 checks
 * this by hand, and it is what exhausts max_connections when services scale out.
 */
final class ServerConnectionsSection implements ReportSection {

    static final String ID = "server-connections";
    private static final String TITLE = "Server connections";

    @Override
    public SectionView render(Run run) {
        String lead = "The backends poolbench held on the server while each point ran (pg_stat_activity, sampled every 100 ms).";
        List<LoadSummaryFile> loadWithSamples = run.load().stream().filter(ServerConnectionsSection::hasPeaks)
                .collect(Collectors.toList());
        // the question is what each strategy costs; inserts and sizing sweeps hold one pool of their own
        List<ServerConnectionPoints.Point> perStrategy = run.serverConnections().stream()
                .filter(p -> p.params().containsKey("strategy")).collect(Collectors.toList());
        if (perStrategy.isEmpty() && loadWithSamples.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no server-connection samples (from bench-pools or load-scenarios)");
        }
        List<Chart> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        if (!perStrategy.isEmpty()) {
            Table.Builder table = Table.builder("Per benchmark point", "benchmark", "strategy", "configuration",
                    "peak backends", "mean active", "mean idle", "connections opened", "pool timeouts");
            Map<String, List<ServerConnectionPoints.Point>> byBenchmark = JmhSelection.groupBy(perStrategy,
                    p -> shortName(p.benchmark()) + " " + p.mode());
            for (Map.Entry<String, List<ServerConnectionPoints.Point>> b : byBenchmark.entrySet()) {
                List<String> labels = new ArrayList<>();
                List<Chart.Datum> peak = new ArrayList<>();
                List<Chart.Datum> active = new ArrayList<>();
                List<Chart.Datum> idle = new ArrayList<>();
                for (ServerConnectionPoints.Point p : b.getValue()) {
                    String label = strategy(p) + " " + config(p);
                    labels.add(label);
                    peak.add(Chart.datum(label, p.peakTotal(), Double.NaN, Double.NaN));
                    active.add(Chart.datum(label, p.meanActive(), Double.NaN, Double.NaN));
                    idle.add(Chart.datum(label, p.meanIdle(), Double.NaN, Double.NaN));
                    table.row(b.getKey(), strategy(p), config(p), String.valueOf(p.peakTotal()), Fmt.number(p.meanActive()),
                            Fmt.number(p.meanIdle()), String.valueOf(p.opened()), String.valueOf(p.timeouts()));
                }
                Chart.Builder chart = Chart.bar(JmhSelection.slug(ID + "-" + b.getKey()), b.getKey() + ": server backends per point",
                        "strategy, configuration", "backends").categories(labels);
                chart.series("peak", peak).series("mean active", active).series("mean idle", idle);
                charts.add(chart.build());
            }
            tables.add(table.build());
        }
        if (!loadWithSamples.isEmpty()) {
            Table.Builder table = Table.builder("Under load (peaks over the run)", "simulation", "configuration",
                    "pool active", "pool waiting", "server active", "server idle", "server total");
            for (LoadSummaryFile l : loadWithSamples) {
                // the pool's peaks as the summary wrote them; server active and idle apart, from its samples
                LoadSummary.Pool pool = l.summary().pool();
                table.row(l.summary().simulation(), l.summary().configuration() + LoadScenarios.stack(l.summary()),
                        String.valueOf(pool.peakActive()),
                        String.valueOf(pool.peakWaiting()), String.valueOf(peak(l, LoadSummary.PoolSample::serverActive)),
                        String.valueOf(peak(l, LoadSummary.PoolSample::serverIdle)), String.valueOf(pool.peakServerConnections()));
            }
            tables.add(table.build());
        }
        List<String> notes = JmhSelection.poolerNotes(perStrategy.stream().map(ServerConnectionPoints.Point::params)
                .collect(Collectors.toList()));
        return new SectionView(ID, TITLE, lead, notes, charts, tables);
    }

    /** A load run sampled its pool: its summary has the pool's peaks. */
    private static boolean hasPeaks(LoadSummaryFile l) {
        return l.summary().pool() != null && l.summary().poolSamples() != null && !l.summary().poolSamples().isEmpty();
    }

    private static int peak(LoadSummaryFile l, ToIntFunction<LoadSummary.PoolSample> figure) {
        return l.summary().poolSamples().stream().mapToInt(figure).max().orElse(0);
    }

    private static String strategy(ServerConnectionPoints.Point p) {
        return JmhSelection.strategy(p.params());
    }

    private static String config(ServerConnectionPoints.Point p) {
        String params = p.params().entrySet().stream().filter(e -> !JmhSelection.STRATEGY_PARAMS.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return (params.isEmpty() ? "" : params + ", ") + p.threads() + (p.threads() == 1 ? " thread" : " threads");
    }

    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }
}
