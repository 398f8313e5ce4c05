package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.Samples;
import dev.poolbench.results.NativeCeiling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * pgbench running Query's own SELECT on the same server beside Query's throughput at as many
 * threads as pgbench had clients: how close each pool comes to what the server does with no JVM in
 * the way.
 */
final class NativeCeilingSection implements ReportSection {

    static final String ID = "native-ceiling";
    private static final String TITLE = "Native ceiling (pgbench)";
    /** The JMH benchmark class whose query pgbench's script repeats. */
    static final String QUERY_CLASS = "Query.";

    @Override
    public SectionView render(Run run) {
        String lead = "pgbench's transactions per second beside Query's queries per second at the same number of clients"
                + " (pgbench bars: lowest to highest of its runs; Query bars: 99.9% confidence interval).";
        if (run.nativeCeiling().isEmpty() || run.nativeCeiling().get().points().isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no pgbench result (pgbench was not on the PATH, or bench-pools did not run)");
        }
        NativeCeiling ceiling = run.nativeCeiling().get();
        List<JmhResult> query = run.jmh().stream()
                .filter(r -> r.shortName().startsWith(QUERY_CLASS) && r.isThroughput() && r.params().containsKey("strategy"))
                .collect(Collectors.toList());
        List<String> strategies = new ArrayList<>(query.stream().map(r -> JmhSelection.strategy(r.params()))
                .collect(Collectors.toCollection(() -> new TreeSet<>(JmhSelection.strategyOrder()))));
        List<String> clients = ceiling.points().stream().map(c -> String.valueOf(c.clients())).distinct().collect(Collectors.toList());

        Chart.Builder chart = Chart.bar(ID + "-chart", "pgbench vs Query: best throughput per strategy at each client count",
                "clients", "per second").categories(clients);
        List<Chart.Datum> pgbench = new ArrayList<>();
        Table.Builder table = Table.builder("Native ceiling", "clients", "what", "per second", "configuration");
        for (NativeCeiling.Point c : ceiling.points()) {
            double[] tps = c.tps().stream().mapToDouble(Double::doubleValue).toArray();
            pgbench.add(Chart.datum(String.valueOf(c.clients()), c.meanTps(), Samples.min(tps), Samples.max(tps)));
            table.row(String.valueOf(c.clients()), "pgbench " + ceiling.pgbenchVersion() + " (" + ceiling.protocol() + ")",
                    Fmt.number(c.meanTps()) + " tps (runs: " + java.util.Arrays.stream(tps).mapToObj(Fmt::number)
                            .collect(Collectors.joining(", ")) + ")",
                    c.threads() + " pgbench threads, " + Fmt.number(c.seconds()) + " s per run");
        }
        chart.series("pgbench", pgbench);
        for (String strategy : strategies) {
            List<Chart.Datum> data = new ArrayList<>();
            for (NativeCeiling.Point c : ceiling.points()) {
                best(query, strategy, c.clients()).ifPresent(r -> {
                    data.add(Chart.datum(String.valueOf(c.clients()), JmhSelection.opsPerSecond(r.primary(), r.primary().score()),
                            JmhSelection.opsPerSecond(r.primary(), r.primary().low()),
                            JmhSelection.opsPerSecond(r.primary(), r.primary().high())));
                    table.row(String.valueOf(c.clients()), r.shortName() + " " + strategy,
                            Fmt.withError(JmhSelection.opsPerSecond(r.primary(), r.primary().score()),
                                    JmhSelection.opsPerSecond(r.primary(), r.primary().error())) + " ops/s",
                            JmhSelection.otherParams(r, JmhSelection.STRATEGY_PARAMS));
                });
            }
            if (!data.isEmpty()) {
                chart.series(strategy, data);
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("pgbench ran: " + ceiling.script());
        notes.addAll(JmhSelection.poolerNotes(query.stream().map(JmhResult::params).collect(Collectors.toList())));
        if (query.isEmpty()) {
            notes.add("Query.throughput was not measured in this run (this section reads throughput only): pgbench is shown alone.");
        }
        return new SectionView(ID, TITLE, lead, notes, List.of(chart.build()), List.of(table.build()));
    }

    /** The strategy's highest Query throughput among the configurations measured at {@code clients} threads. */
    private static Optional<JmhResult> best(List<JmhResult> query, String strategy, int clients) {
        return query.stream()
                .filter(r -> JmhSelection.strategy(r.params()).equals(strategy) && r.threads() == clients)
                .max(Comparator.comparingDouble(r -> JmhSelection.opsPerSecond(r.primary(), r.primary().score())));
    }
}
