package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.run.LoadResult;
import dev.poolbench.reports.run.Run;
import dev.poolbench.reports.run.ServerConnectionPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        String lead = "The most connections the server showed for poolbench while each point ran (pg_stat_activity).";
        List<LoadResult> loadWithSamples = run.load().stream().filter(l -> l.peak().isPresent()).collect(Collectors.toList());
        if (run.serverConnections().isEmpty() && loadWithSamples.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no server-connection samples (from bench-pools or load-scenarios)");
        }
        List<Chart> charts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        if (!run.serverConnections().isEmpty()) {
            Table.Builder table = Table.builder("Per benchmark point", "benchmark", "strategy", "configuration",
                    "active", "idle", "idle in transaction", "total");
            Map<String, List<ServerConnectionPoint>> byLabel = new java.util.LinkedHashMap<>();
            for (ServerConnectionPoint p : run.serverConnections()) {
                String config = config(p);
                byLabel.computeIfAbsent(p.strategy() + " " + config, k -> new ArrayList<>()).add(p);
                table.row(shortName(p.benchmark()), p.strategy(), config, String.valueOf(p.active()), String.valueOf(p.idle()),
                        String.valueOf(p.idleInTransaction()), String.valueOf(p.total()));
            }
            List<String> categories = new ArrayList<>(byLabel.keySet());
            Chart.Builder chart = Chart.bar(ID + "-jmh", "Server connections per strategy and configuration", "strategy, configuration",
                    "connections").categories(categories);
            chart.series("active", data(byLabel, ServerConnectionPoint::active));
            chart.series("idle", data(byLabel, ServerConnectionPoint::idle));
            chart.series("idle in transaction", data(byLabel, ServerConnectionPoint::idleInTransaction));
            charts.add(chart.build());
            tables.add(table.build());
        }
        if (!loadWithSamples.isEmpty()) {
            Table.Builder table = Table.builder("Under load (peaks over the run)", "simulation", "configuration",
                    "pool active", "pool waiting", "server active", "server idle", "server total");
            for (LoadResult l : loadWithSamples) {
                LoadResult.ServerPeak p = l.peak().orElseThrow();
                table.row(l.simulation(), l.configuration(), String.valueOf(p.poolActive()), String.valueOf(p.poolWaiting()),
                        String.valueOf(p.serverActive()), String.valueOf(p.serverIdle()), String.valueOf(p.serverTotal()));
            }
            tables.add(table.build());
        }
        return new SectionView(ID, TITLE, lead, List.of(), charts, tables);
    }

    private static List<Chart.Datum> data(Map<String, List<ServerConnectionPoint>> byLabel,
                                          java.util.function.ToIntFunction<ServerConnectionPoint> value) {
        List<Chart.Datum> data = new ArrayList<>();
        // several points under one label (different benchmarks): the largest is what the server had to hold
        byLabel.forEach((label, points) -> data.add(Chart.datum(label,
                points.stream().mapToInt(value).max().orElse(0), Double.NaN, Double.NaN)));
        return data;
    }

    private static String config(ServerConnectionPoint p) {
        String params = p.params().entrySet().stream().filter(e -> !e.getKey().equals("strategy"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return (params.isEmpty() ? "" : params + ", ") + p.threads() + (p.threads() == 1 ? " thread" : " threads");
    }

    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }
}
