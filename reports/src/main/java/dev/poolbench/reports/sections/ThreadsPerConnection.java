package dev.poolbench.reports.sections;

import dev.poolbench.reports.model.JmhResult;
import dev.poolbench.reports.model.Metric;
import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.model.Units;
import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Each pool as its callers come to outnumber its connections: Query's throughput and p99 at every thread
 * count measured with a fixed-size pool (no overflow), against the queue pool at the same point.
 *
 * <p>Where pools differ is the hand-off when a caller must wait: SQLAlchemy's QueuePool (poolbench's
 * {@code queue}) parks the waiter on one lock's condition; HikariCP's bag makes the returning thread
 * spin with {@code Thread.yield()} until a waiter takes the connection. On few cores the spin competes
 * with the database and the callers, and this is the table that shows whether it costs throughput here.
 */
final class ThreadsPerConnection implements ReportSection {

    static final String ID = "threads-per-connection";
    private static final String TITLE = "Threads per connection";
    private static final String REFERENCE = "queue";
    /** Strategies that honour the pool size: none opens a connection per borrow, static shares one. */
    private static final Set<String> UNSIZED = Set.of("none", "static", "single");
    private static final Set<String> SHOWN = Set.of("strategy", JmhSelection.POOLER, "poolSize", "maxOverflow");

    @Override
    public SectionView render(Run run) {
        String lead = "Query at each thread count against a fixed-size pool (maxOverflow 0): throughput and p99 as callers"
                + " outnumber connections, and each pool's throughput as a multiple of the queue pool's at the same point.";
        List<JmhResult> fixed = run.jmh().stream()
                .filter(r -> r.shortName().startsWith("Query."))
                .filter(r -> JmhSelection.direct(r.params())) // the pools' own hand-off: nothing between them and the server
                .filter(r -> r.param("maxOverflow").filter("0"::equals).isPresent())
                .filter(r -> r.param("strategy").filter(s -> !UNSIZED.contains(s)).isPresent())
                .filter(r -> r.param("poolSize").isPresent())
                .collect(Collectors.toList());
        boolean outnumbered = fixed.stream().anyMatch(r -> r.threads() > Integer.parseInt(r.params().get("poolSize")));
        long threadCounts = fixed.stream().mapToInt(JmhResult::threads).distinct().count();
        if (!outnumbered || threadCounts < 2) {
            return SectionView.notMeasured(ID, TITLE, lead, run.jmhMeasured()
                    ? "no Query points with a fixed-size pool at several thread counts, more threads than connections among"
                    + " them (the full profile measures them)"
                    : "no JMH results");
        }
        Table.Builder table = Table.builder("Per pool size and thread count", "pool size", "other parameters", "threads",
                "threads per connection", "strategy", "throughput (ops/s)", "x " + REFERENCE, "p99 (ms)");
        List<Chart> charts = new ArrayList<>();
        Map<String, List<JmhResult>> bySetting = JmhSelection.groupBy(fixed, ThreadsPerConnection::setting);
        for (Map.Entry<String, List<JmhResult>> setting : bySetting.entrySet()) {
            List<JmhResult> results = setting.getValue();
            int poolSize = Integer.parseInt(results.get(0).params().get("poolSize"));
            String others = JmhSelection.paramsBut(results.get(0), SHOWN);
            Map<String, List<Chart.Datum>> series = new TreeMap<>(JmhSelection.strategyOrder());
            List<Integer> threads = results.stream().map(JmhResult::threads).distinct().sorted().collect(Collectors.toList());
            List<String> strategies = results.stream().map(r -> r.params().get("strategy")).distinct()
                    .sorted(JmhSelection.strategyOrder()).collect(Collectors.toList());
            for (int t : threads) {
                Optional<JmhResult> reference = find(results, REFERENCE, t, JmhResult::isThroughput);
                for (String strategy : strategies) {
                    Optional<JmhResult> throughput = find(results, strategy, t, JmhResult::isThroughput);
                    Optional<JmhResult> latency = find(results, strategy, t, JmhResult::isSampleTime);
                    if (throughput.isEmpty() && latency.isEmpty()) {
                        continue;
                    }
                    table.row(Integer.toString(poolSize), others, Integer.toString(t), Fmt.number((double) t / poolSize),
                            strategy, throughput.map(r -> JmhSelection.opsWithError(r.primary())).orElse(""),
                            throughput.flatMap(r -> reference.map(q -> ratio(r, q))).orElse(""),
                            latency.map(r -> Fmt.number(Units.convert(r.primary().p99(), r.primary().unit(), Units.MS_PER_OP)))
                                    .orElse(""));
                    throughput.ifPresent(r -> {
                        Metric m = r.primary();
                        series.computeIfAbsent(strategy, s -> new ArrayList<>()).add(Chart.datum((double) t / poolSize,
                                JmhSelection.opsPerSecond(m, m.score()), JmhSelection.opsPerSecond(m, m.low()),
                                JmhSelection.opsPerSecond(m, m.high())));
                    });
                }
            }
            if (!series.isEmpty()) {
                Chart.Builder chart = Chart.line(JmhSelection.slug(ID + "-pool-" + poolSize + "-" + others),
                        "Query throughput against threads per connection, pool of " + poolSize
                                + (others.isEmpty() ? "" : " (" + others + ")") + " (bars: 99.9% confidence interval)",
                        "threads per connection", "ops/s");
                series.forEach(chart::series);
                charts.add(chart.build());
            }
        }
        List<String> notes = List.of("docs/runs/2026-11-30-hikari has the same question asked of the TODO service (8"
                + " connections, 8 to 32 worker threads) with each pool's CPU per request and a count of HikariCP's yields.",
                "A multiple's bounds are the two intervals' far ends (low over the queue pool's high, high"
                + " over its low): where they straddle 1, the two pools are not told apart at that point.");
        return new SectionView(ID, TITLE, lead, notes, charts, List.of(table.build()));
    }

    /** Every parameter but strategy and thread count: the points one table block and one chart compare. */
    private static String setting(JmhResult r) {
        return String.format("%08d %s", Integer.parseInt(r.params().get("poolSize")), JmhSelection.paramsBut(r, SHOWN));
    }

    private static Optional<JmhResult> find(List<JmhResult> results, String strategy, int threads,
                                            Predicate<JmhResult> mode) {
        return results.stream()
                .filter(r -> r.threads() == threads && strategy.equals(r.params().get("strategy")) && mode.test(r))
                .max(Comparator.comparingDouble(r -> r.primary().score()));
    }

    /** {@code 0.84 (0.61-1.12)}: the point's throughput over the queue pool's, with the far ends of both intervals. */
    private static String ratio(JmhResult r, JmhResult reference) {
        Metric a = r.primary();
        Metric q = reference.primary();
        double value = JmhSelection.opsPerSecond(a, a.score()) / JmhSelection.opsPerSecond(q, q.score());
        double low = JmhSelection.opsPerSecond(a, a.low()) / JmhSelection.opsPerSecond(q, q.high());
        double high = JmhSelection.opsPerSecond(a, a.high()) / JmhSelection.opsPerSecond(q, q.low());
        return Fmt.number(value) + " (" + Fmt.number(low) + "-" + Fmt.number(high) + ")";
    }
}
