package dev.poolbench.reports.sections;

import dev.poolbench.reports.render.Chart;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.reports.model.LoadSummaryFile;
import dev.poolbench.reports.model.Run;
import dev.poolbench.results.LoadSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The service under Gatling load, per service configuration: what the seeds' users actually feel
 * (003: "Max Concurrent Users: 30-60 → 80-120"). Each row links Gatling's own report.
 */
final class LoadScenarios implements ReportSection {

    static final String ID = "load";
    private static final String TITLE = "Load scenarios";
    private static final List<String> PERCENTILES = List.of("p50", "p95", "p99");

    @Override
    public SectionView render(Run run) {
        String lead = "Requests per second, todo operations per second, database round trips per request (counted at the "
                + "latency proxy between service and database), success rate and latency percentiles per service "
                + "configuration and stack (Gatling).";
        if (run.load().isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no load-scenario results");
        }
        List<String> labels = run.load().stream().map(LoadScenarios::label).collect(Collectors.toList());
        Chart.Builder throughput = Chart.bar(ID + "-throughput", "Requests per second per configuration", "configuration", "req/s")
                .categories(labels);
        List<Chart.Datum> rps = new ArrayList<>();
        Chart.Builder latency = Chart.bar(ID + "-latency", "Latency percentiles per configuration", "configuration", "ms")
                .categories(labels);
        List<List<Chart.Datum>> byPercentile = new ArrayList<>();
        PERCENTILES.forEach(p -> byPercentile.add(new ArrayList<>()));

        Table.Builder table = Table.builder("Load results", "simulation", "configuration", "requests", "success rate", "req/s",
                "ops/sec", "round trips / request", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "errors", "Gatling report");
        for (LoadSummaryFile l : run.load()) {
            LoadSummary s = l.summary();
            rps.add(Chart.datum(label(l), s.throughputRps(), Double.NaN, Double.NaN));
            for (int i = 0; i < PERCENTILES.size(); i++) {
                if (!Double.isNaN(l.latency(PERCENTILES.get(i)))) {
                    byPercentile.get(i).add(Chart.datum(label(l), l.latency(PERCENTILES.get(i)), Double.NaN, Double.NaN));
                }
            }
            List<Table.Cell> row = new ArrayList<>();
            row.add(Table.Cell.of(s.simulation()));
            row.add(Table.Cell.of(s.configuration() + stack(s) + ": " + l.serviceLabel()));
            row.add(Table.Cell.of(Fmt.number(s.requests().total()) + " (" + Fmt.number(s.requests().ko()) + " failed)"));
            row.add(Table.Cell.of(Fmt.fraction(s.successRate())));
            row.add(Table.Cell.of(Fmt.number(s.throughputRps())));
            row.add(Table.Cell.of(s.operationsPerSecond() == null ? "-" : Fmt.number(s.operationsPerSecond())));
            row.add(Table.Cell.of(s.roundTrips() == null || s.roundTrips().perRequest() == null ? "-"
                    : Fmt.number(s.roundTrips().perRequest())));
            for (String p : List.of("p50", "p95", "p99", "max")) {
                row.add(Table.Cell.of(Fmt.number(l.latency(p))));
            }
            row.add(Table.Cell.of(s.errors().isEmpty() ? "none" : s.errors().stream()
                    .map(e -> e.count() + " x " + e.message()).collect(Collectors.joining("; "))));
            row.add(l.gatlingReportLink().map(link -> new Table.Cell("Gatling report", link))
                    .orElse(Table.Cell.of("not found")));
            table.row(row);
        }
        throughput.series("req/s", rps);
        for (int i = 0; i < PERCENTILES.size(); i++) {
            if (!byPercentile.get(i).isEmpty()) {
                latency.series(PERCENTILES.get(i), byPercentile.get(i));
            }
        }
        return new SectionView(ID, TITLE, lead, List.of(), List.of(throughput.build(), latency.build()), List.of(table.build()));
    }

    /** "baseline (TodoApiSimulation)": configurations are what the reader compares; simulations say under what. */
    private static String label(LoadSummaryFile l) {
        return l.summary().configuration() + stack(l.summary()) + " (" + l.summary().simulation() + ")";
    }

    /** " on the reference stack" for the seeds' own stack; nothing for the Java service, as before there were two. */
    static String stack(LoadSummary s) {
        return LoadSummary.REFERENCE.equals(s.stack()) ? " on the reference stack" : "";
    }
}
