package dev.poolbench.reports.sections;

import dev.poolbench.reports.model.Run;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.reports.render.SectionView;
import dev.poolbench.reports.render.Table;
import dev.poolbench.results.Sizing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sizing run's verdict (issue 13, {@code sizing.json}): per workload, round trip and caller count, the smallest pool
 * that does as well as the best one, with the evidence a reader weighs it by: throughput and p99 with their intervals,
 * Little's law from the measured hold time, cores x 2 + effective spindles with both machines' cores, and whether a
 * fleet of instances with that pool fits the server.
 */
final class PoolSizeVerdict implements ReportSection {

    static final String ID = "pool-size-verdict";
    private static final String TITLE = "Pool size verdict";

    @Override
    public SectionView render(Run run) {
        String lead = "How big the pool should be, per workload, round trip and number of callers: the smallest size whose"
                + " throughput is not significantly below the best size's and whose p99 is close to the best's, measured"
                + " against a real PostgreSQL by the sizing run (dev.poolbench.pools.sizing.SizingRun).";
        if (run.sizing().isEmpty()) {
            return SectionView.notMeasured(ID, TITLE, lead, "no sizing.json (the sizing run: java -cp"
                    + " bench-pools/target/benchmarks.jar dev.poolbench.pools.sizing.SizingRun, or -Psizing)");
        }
        Sizing s = run.sizing().get();
        List<String> notes = new ArrayList<>();
        notes.add("Database: " + s.database() + "; PostgreSQL " + s.server().version() + ", max_connections "
                + s.server().maxConnections() + ", superuser_reserved_connections " + s.server().superuserReservedConnections()
                + (s.server().reservedConnections() == null ? "" : ", reserved_connections " + s.server().reservedConnections())
                + " (" + s.server().available() + " for the application). Round trip with nothing added: "
                + Fmt.number(s.measuredRttMs()) + " ms (median of timed SELECT 1s).");
        notes.add("Each point: a fresh " + s.strategy() + " pool of a fixed size (no overflow), its callers calling back to"
                + " back, " + Fmt.number(s.warmupMs()) + " ms of warm-up, then " + s.repetitions() + " windows of "
                + Fmt.number(s.windowMs()) + " ms. Throughput is the windows' mean with its 95% t interval; p50 and p99"
                + " are the windows' median with their lowest and highest.");
        s.verdicts().stream().findFirst().ifPresent(v -> notes.add("The rule: the smallest size whose throughput is not"
                + " significantly below the best size's (one-sided Welch t-test over the windows, alpha "
                + v.alpha() + ") and whose p99 is at most " + Math.round(v.p99Margin() * 100)
                + "% above the best size's. Little's law: connections busy on average at the best size = throughput x mean"
                + " hold (borrow to return)."));
        notes.add("Cores x 2 + effective spindles (1): harness " + s.harnessCores() + " cores; database server "
                + (s.databaseCores() == null ? "unknown" : s.databaseCores() + " cores") + " (" + s.databaseCoresFrom() + ").");
        notes.addAll(growth(s.verdicts()));
        int largest = s.points().stream().mapToInt(Sizing.Point::poolSize).max().orElse(0);
        long atTheEdge = s.verdicts().stream().filter(v -> v.recommendedPoolSize() == largest).count();
        if (atTheEdge > 0) {
            notes.add(atTheEdge + " of " + s.verdicts().size() + " verdicts recommend the largest size measured (" + largest
                    + "): there the curve had not flattened, and a larger size (--sizes) may do better still.");
        }
        if (!s.complete()) {
            notes.add("This run did not finish: " + s.points().size() + " points were measured, and only the curves"
                    + " measured at every size have a verdict.");
        }
        List<Table> tables = new ArrayList<>();
        tables.add(verdicts(s));
        tables.add(points(s));
        Table failures = failures(s);
        if (!failures.isEmpty()) {
            tables.add(failures);
        }
        return new SectionView(ID, TITLE, lead, notes, List.of(), tables);
    }

    /** Per workload and caller count, the recommended size at each round trip: does it grow with the round trip? */
    static List<String> growth(List<Sizing.Verdict> verdicts) {
        Map<String, List<Sizing.Verdict>> byCurve = new LinkedHashMap<>();
        for (Sizing.Verdict v : verdicts) {
            byCurve.computeIfAbsent(v.workload() + ", " + v.callers() + " callers", k -> new ArrayList<>()).add(v);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Sizing.Verdict>> e : byCurve.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            List<Sizing.Verdict> rtts = e.getValue();
            boolean grows = true;
            for (int i = 1; i < rtts.size(); i++) {
                grows &= rtts.get(i).recommendedPoolSize() >= rtts.get(i - 1).recommendedPoolSize();
            }
            grows &= rtts.get(rtts.size() - 1).recommendedPoolSize() > rtts.get(0).recommendedPoolSize();
            lines.add(e.getKey() + ": recommended " + rtts.stream().map(v -> v.recommendedPoolSize() + " at "
                    + v.rttMs() + " ms").collect(Collectors.joining(", ")) + " (busy by Little's law: " + rtts.stream()
                    .map(v -> Fmt.number(v.busyConnections())).collect(Collectors.joining(", ")) + ")"
                    + (grows ? ": it grows with the round trip." : ": it does not grow steadily with the round trip."));
        }
        return lines;
    }

    private static Table verdicts(Sizing s) {
        Table.Builder t = Table.builder("Verdict", "workload", "round trip", "callers", "recommended size", "best size",
                "calls/s at recommended", "calls/s at best", "p99 at recommended", "p99 at best", "Little's law (busy)",
                "cores x 2 + 1 (harness / database)", "fleet");
        for (Sizing.Verdict v : s.verdicts()) {
            Sizing.Fleet f = v.fleet();
            t.row(v.workload(), Fmt.number(v.rttMs()) + " ms", Fmt.number(v.callers()), Fmt.number(v.recommendedPoolSize()),
                    Fmt.number(v.bestPoolSize()), interval(v.recommendedThroughput(), ""), interval(v.bestThroughput(), ""),
                    interval(v.recommendedP99Ms(), " ms"), interval(v.bestP99Ms(), " ms"),
                    Fmt.number(v.busyConnections()) + " (" + Fmt.number(v.bestThroughput().value()) + "/s x "
                            + Fmt.number(v.bestMeanHoldMs()) + " ms)",
                    v.formulaHarness() + " / " + (v.formulaDatabase() == null ? "unknown" : v.formulaDatabase()),
                    f.instances() + " x " + f.perInstance() + " = " + f.needed() + " of " + f.available() + ": "
                            + (f.fits() ? "fits" : "does NOT fit") + "; at most " + f.largestFleet() + " instances");
        }
        return t.build();
    }

    private static Table points(Sizing s) {
        Table.Builder t = Table.builder("Every point", "workload", "round trip", "callers", "pool size", "calls/s",
                "p50", "p99", "mean hold", "failed");
        for (Sizing.Point p : s.points()) {
            long failed = p.byRepetition().stream().mapToLong(Sizing.Repetition::failed).sum();
            t.row(p.workload(), Fmt.number(p.rttMs()) + " ms", Fmt.number(p.callers()), Fmt.number(p.poolSize()),
                    interval(p.throughput(), ""), interval(p.p50Ms(), " ms"), interval(p.p99Ms(), " ms"),
                    Fmt.number(p.meanHoldMs()) + " ms", Fmt.number(failed));
        }
        return t.build();
    }

    private static Table failures(Sizing s) {
        Table.Builder t = Table.builder("Statements that failed", "workload", "round trip", "callers", "pool size",
                "statement", "server's error", "times");
        for (Sizing.Point p : s.points()) {
            for (Sizing.Failure f : p.failures()) {
                t.row(p.workload(), Fmt.number(p.rttMs()) + " ms", Fmt.number(p.callers()), Fmt.number(p.poolSize()),
                        f.statement(), f.serverMessage(), Fmt.number(f.count()));
            }
        }
        return t.build();
    }

    /** {@code 1,234 (1,200-1,270)}: a value and its interval. */
    static String interval(Sizing.Interval i, String unit) {
        return Fmt.number(i.value()) + unit + " (" + Fmt.number(i.low()) + "-" + Fmt.number(i.high()) + ")";
    }
}
