package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.run.JmhResult;
import dev.poolbench.reports.run.NativeCeiling;
import dev.poolbench.reports.run.Run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * pgbench against the same server beside the Query benchmark at the same number of clients: how
 * close each pool comes to what the server does with no Java in the way.
 */
final class NativeCeilingSection implements ReportSection {

    static final String ID = "native-ceiling";
    private static final String TITLE = "Native ceiling (pgbench)";
    /** The JMH benchmark class that pgbench's script mirrors. */
    static final String QUERY_CLASS = "Query.";

    @Override
    public SectionView render(Run run) {
        String lead = "pgbench's transactions per second beside Query's operations per second at the same number of clients.";
        if (run.nativeCeiling().isEmpty() || run.nativeCeiling().get().runs().isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no pgbench result (pgbench was not on the PATH, or bench-pools did not run)");
        }
        NativeCeiling ceiling = run.nativeCeiling().get();
        List<JmhResult> query = run.jmh().stream()
                .filter(r -> r.shortName().startsWith(QUERY_CLASS) && r.isThroughput() && r.params().containsKey("strategy"))
                .collect(Collectors.toList());
        List<String> strategies = new ArrayList<>(query.stream().map(r -> r.params().get("strategy"))
                .collect(Collectors.toCollection(() -> new TreeSet<>(JmhSelection.strategyOrder()))));
        List<String> clients = ceiling.runs().stream().map(c -> String.valueOf(c.clients())).distinct().collect(Collectors.toList());

        Chart.Builder chart = Chart.bar(ID + "-chart", "pgbench vs Query: best throughput per strategy at each client count",
                "clients", "per second").categories(clients);
        List<Chart.Datum> pgbench = new ArrayList<>();
        Table.Builder table = Table.builder("Native ceiling", "clients", "what", "per second", "configuration");
        for (NativeCeiling.Run c : ceiling.runs()) {
            pgbench.add(Chart.datum(String.valueOf(c.clients()), c.tps(), Double.NaN, Double.NaN));
            table.row(String.valueOf(c.clients()), "pgbench (" + ceiling.script() + ")", Fmt.number(c.tps()) + " tps",
                    c.jobs() + " jobs");
        }
        chart.series("pgbench", pgbench);
        for (String strategy : strategies) {
            List<Chart.Datum> data = new ArrayList<>();
            for (NativeCeiling.Run c : ceiling.runs()) {
                best(query, strategy, c.clients()).ifPresent(r -> {
                    data.add(Chart.datum(String.valueOf(c.clients()), StrategyComparison.toOpsPerSecond(r.primary(), r.primary().score()),
                            StrategyComparison.toOpsPerSecond(r.primary(), r.primary().low()),
                            StrategyComparison.toOpsPerSecond(r.primary(), r.primary().high())));
                    table.row(String.valueOf(c.clients()), r.shortName() + " " + strategy,
                            Fmt.withError(StrategyComparison.toOpsPerSecond(r.primary(), r.primary().score()),
                                    StrategyComparison.toOpsPerSecond(r.primary(), r.primary().error())) + " ops/s",
                            JmhSelection.otherParams(r, Set.of("strategy")));
                });
            }
            if (!data.isEmpty()) {
                chart.series(strategy, data);
            }
        }
        List<String> notes = query.isEmpty() ? List.of("Query was not measured in this run: pgbench is shown alone.") : List.of();
        return new SectionView(ID, TITLE, lead, notes, List.of(chart.build()), List.of(table.build()));
    }

    /** The strategy's highest Query throughput among the configurations measured at {@code clients} callers. */
    private static Optional<JmhResult> best(List<JmhResult> query, String strategy, int clients) {
        return query.stream()
                .filter(r -> r.params().get("strategy").equals(strategy) && r.callers() == clients)
                .max(Comparator.comparingDouble(r -> StrategyComparison.toOpsPerSecond(r.primary(), r.primary().score())));
    }
}
