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
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What each pool itself costs, from the Overhead benchmark on the stub driver (no server): nanoseconds per
 * borrow+return and per borrow+statement+return, beside Query.latency's microseconds against the real server at
 * the same number of threads, and the share of that query the pool is. Intervals are JMH's 99.9%.
 */
final class OverheadSection implements ReportSection {

    static final String ID = "overhead";
    private static final String TITLE = "Pool overhead (stub driver)";
    static final String CLASS = "Overhead.";
    private static final String WITH_STATEMENT = "Overhead.borrowStatementReturn";
    private static final String NS = "ns/op";
    private static final String US = "us/op";

    @Override
    public SectionView render(Run run) {
        String lead = "Nanoseconds each pool adds to a borrow, measured on a stub JDBC driver that answers at once"
                + " (so the score is the pool's bookkeeping alone), beside the microseconds the same strategy's query"
                + " takes against the real server (Query.latency's mean at as many threads). Bars and ± are 99.9%"
                + " confidence intervals.";
        List<JmhResult> overhead = run.jmh().stream().filter(r -> r.shortName().startsWith(CLASS)
                && r.params().containsKey("strategy")).collect(Collectors.toList());
        if (overhead.isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, run.jmhMeasured()
                    ? "the Overhead benchmark did not run (the full profile runs it)" : "no JMH results");
        }
        List<JmhResult> latency = run.jmh().stream().filter(r -> r.shortName().equals("Query.latency")
                && r.isSampleTime() && r.params().containsKey("strategy")).collect(Collectors.toList());
        Table.Builder table = Table.builder("Pool overhead", "strategy", "threads", "borrow+return (ns)",
                "borrow+statement+return (ns)", "query against the server (µs)", "pool's share of the query");
        List<Chart> charts = new ArrayList<>();
        Map<String, List<JmhResult>> byThreads = JmhSelection.groupBy(overhead, OverheadSection::threads);
        for (Map.Entry<String, List<JmhResult>> group : byThreads.entrySet()) {
            List<String> strategies = new ArrayList<>(group.getValue().stream().map(r -> r.params().get("strategy"))
                    .collect(Collectors.toCollection(() -> new TreeSet<>(JmhSelection.strategyOrder()))));
            Chart.Builder chart = Chart.bar(JmhSelection.slug(ID + "-" + group.getKey()),
                    "Pool overhead per strategy, " + group.getKey() + " (bars: 99.9% confidence interval)",
                    "strategy", "ns per call").categories(strategies);
            for (Map.Entry<String, List<JmhResult>> method : JmhSelection.groupBy(group.getValue(), JmhResult::shortName)
                    .entrySet()) {
                List<Chart.Datum> data = new ArrayList<>();
                for (JmhResult r : method.getValue()) {
                    Metric m = r.primary();
                    data.add(Chart.datum(r.params().get("strategy"), ns(m, m.score()), ns(m, m.low()), ns(m, m.high())));
                }
                chart.series(method.getKey(), data);
            }
            charts.add(chart.build());
            for (String strategy : strategies) {
                Optional<JmhResult> bare = find(group.getValue(), strategy, "Overhead.borrowReturn");
                Optional<JmhResult> statement = find(group.getValue(), strategy, WITH_STATEMENT);
                int threads = group.getValue().get(0).threads();
                Optional<JmhResult> query = fastest(latency, strategy, threads);
                table.row(strategy, group.getKey(), bare.map(OverheadSection::nanos).orElse("-"),
                        statement.map(OverheadSection::nanos).orElse("-"),
                        query.map(q -> Fmt.withError(us(q.primary(), q.primary().score()), us(q.primary(), q.primary().error()))
                                + " (" + JmhSelection.otherParams(q, Set.of("strategy")) + ")").orElse("not measured"),
                        statement.flatMap(s -> query.map(q -> Fmt.fraction(ns(s.primary(), s.primary().score())
                                / ns(q.primary(), q.primary().score())))).orElse("-"));
            }
        }
        List<String> notes = List.of("The stub driver keeps autocommit, read-only and isolation state and answers every"
                + " query with one canned row, so each pool's checkout, reset on return and statement wrappers run;"
                + " what it cannot show is a pool's behaviour when connections are slow, fail or run out.");
        return new SectionView(ID, TITLE, lead, notes, charts, List.of(table.build()));
    }

    /** "4 threads, platform": how a group of Overhead points ran. */
    private static String threads(JmhResult r) {
        return r.threads() + (r.threads() == 1 ? " thread" : " threads") + ", " + r.param("threadKind").orElse("platform");
    }

    private static Optional<JmhResult> find(List<JmhResult> results, String strategy, String benchmark) {
        return results.stream().filter(r -> r.shortName().equals(benchmark) && strategy.equals(r.params().get("strategy")))
                .findFirst();
    }

    /** The strategy's lowest mean query latency among the configurations measured at {@code threads} threads. */
    private static Optional<JmhResult> fastest(List<JmhResult> latency, String strategy, int threads) {
        // the pool's own query, straight to the server: a point behind PgBouncer measures PgBouncer too
        return latency.stream().filter(r -> strategy.equals(r.params().get("strategy")) && r.threads() == threads
                        && JmhSelection.direct(r.params()))
                .min(Comparator.comparingDouble(r -> us(r.primary(), r.primary().score())));
    }

    private static String nanos(JmhResult r) {
        Metric m = r.primary();
        return Fmt.withError(ns(m, m.score()), ns(m, m.error()));
    }

    private static double ns(Metric m, double value) {
        return Units.convert(value, m.unit(), NS);
    }

    private static double us(Metric m, double value) {
        return Units.convert(value, m.unit(), US);
    }
}
