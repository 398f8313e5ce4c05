package dev.poolbench.pools.sizing;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.workload.Workload;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.Sizing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sizing run's grid, point after point: workload, then round trip (one proxy each), then callers, then pool size.
 * The file is rewritten after every point with the verdicts of the curves complete so far.
 */
final class Sweep {

    static final String APPLICATION = "poolbench-sizing";

    private final SizingSettings settings;
    private final Database database;
    private final PrintWriter out;
    private final Path file;

    Sweep(SizingSettings settings, Database database, PrintWriter out) {
        this.settings = settings;
        this.database = database;
        this.out = out;
        this.file = settings.out().resolve(Sizing.FORMAT.fileName());
    }

    Sizing run() throws SQLException, IOException, InterruptedException {
        Sizing.Server server;
        ServerFacts.Cores cores;
        double rttMs;
        try (Connection c = database.connect(APPLICATION + "-probe")) {
            server = ServerFacts.limits(c);
            cores = settings.dbCores() != null ? new ServerFacts.Cores(settings.dbCores(), "--db-cores") : ServerFacts.cores(c);
            rttMs = ServerFacts.roundTripMs(c);
        }
        int harnessCores = Runtime.getRuntime().availableProcessors();
        List<Duration> rtts = settings.roundTrips(database.provider());
        int total = settings.workloads().size() * rtts.size() * settings.callers().size() * settings.sizes().size();
        out.printf(Locale.ROOT, "%s: %s; PostgreSQL %s, max_connections %d (%d for ordinary roles); round trip %.2f ms"
                        + " (median of %d SELECT 1); server cores %s (%s); harness cores %d%n", SizingRun.NAME,
                database.description(), server.version(), server.maxConnections(), server.available(), rttMs,
                ServerFacts.PINGS, cores.count() == null ? "unknown" : cores.count(), cores.from(), harnessCores);
        out.printf(Locale.ROOT, "%s: %d points (%d workloads x %d round trips x %d caller counts x %d sizes), each %s warm-up"
                        + " + %d x %s -> %s%n", SizingRun.NAME, total, settings.workloads().size(), rtts.size(),
                settings.callers().size(), settings.sizes().size(), ms(settings.warmup()), settings.repetitions(),
                ms(settings.window()), file);
        PointRun pointRun = new PointRun(settings);
        List<Sizing.Point> points = new ArrayList<>();
        long started = System.nanoTime();
        Sizing result = null;
        for (Workload workload : settings.workloads()) {
            for (Duration rtt : rtts) {
                try (Database route = rtt.isZero() ? null : database.throughProxy(rtt, false)) {
                    for (int callers : settings.callers()) {
                        for (int size : settings.sizes()) {
                            workload.prepare(database.connections(APPLICATION + "-admin"));
                            Sizing.Point point = pointRun.measure(route == null ? database : route, workload, rtt.toMillis(),
                                    callers, size);
                            points.add(point);
                            result = result(points, server, cores, rttMs, harnessCores, false);
                            ResultFiles.write(file, Sizing.FORMAT, result);
                            progress(point, points.size(), total, started);
                        }
                    }
                }
            }
        }
        result = result(points, server, cores, rttMs, harnessCores, true);
        ResultFiles.write(file, Sizing.FORMAT, result);
        out.println(SizingRun.NAME + ": verdicts (smallest size as good as the best: throughput not significantly lower"
                + " at alpha " + SizingRule.ALPHA + ", p99 within " + Math.round(SizingRule.P99_MARGIN * 100) + "%)");
        for (Sizing.Verdict v : result.verdicts()) {
            out.println("  " + line(v));
        }
        out.println(SizingRun.NAME + ": -> " + file);
        return result;
    }

    private Sizing result(List<Sizing.Point> points, Sizing.Server server, ServerFacts.Cores cores, double rttMs,
                          int harnessCores, boolean complete) {
        Map<List<Object>, List<Sizing.Point>> curves = new LinkedHashMap<>();
        for (Sizing.Point p : points) {
            curves.computeIfAbsent(List.of(p.workload(), p.rttMs(), p.callers()), k -> new ArrayList<>()).add(p);
        }
        List<Sizing.Verdict> verdicts = new ArrayList<>();
        for (List<Sizing.Point> curve : curves.values()) {
            if (curve.size() == settings.sizes().size()) {
                verdicts.add(SizingRule.verdict(curve, harnessCores, cores.count(), server, settings.instances(),
                        settings.maxOverflow()));
            }
        }
        return new Sizing(database.description(), settings.pool().strategy().spelling(), settings.maxOverflow(),
                settings.warmup().toMillis(), settings.window().toMillis(), settings.repetitions(), harnessCores,
                cores.count(), cores.from(), rttMs, server, settings.instances(), complete, List.copyOf(points), verdicts);
    }

    private void progress(Sizing.Point p, int done, int total, long started) {
        double perPointS = (System.nanoTime() - started) / 1e9 / done;
        long failed = p.failures().stream().mapToLong(Sizing.Failure::count).sum();
        out.printf(Locale.ROOT, "%s: point %d of %d (%s, rtt %d ms, %d callers, pool %d): %.0f calls/s, p99 %.2f ms,"
                        + " hold %.2f ms%s; about %d min left%n", SizingRun.NAME, done, total, p.workload(), p.rttMs(),
                p.callers(), p.poolSize(), p.throughput().value(), p.p99Ms().value(), p.meanHoldMs(),
                failed == 0 ? "" : ", " + failed + " failed", Math.round(perPointS * (total - done) / 60));
        out.flush();
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    static String line(Sizing.Verdict v) {
        return String.format(Locale.ROOT, "%s, rtt %d ms, %d callers: recommended %d (best %d: %.0f calls/s, p99 %.2f ms);"
                        + " Little's law %.1f busy; cores x 2 + 1 = %d (harness)%s; fleet of %d: %d of %d connections, %s,"
                        + " at most %d instances",
                v.workload(), v.rttMs(), v.callers(), v.recommendedPoolSize(), v.bestPoolSize(), v.bestThroughput().value(),
                v.bestP99Ms().value(), v.busyConnections(), v.formulaHarness(),
                v.formulaDatabase() == null ? ", database's unknown" : ", " + v.formulaDatabase() + " (database)",
                v.fleet().instances(), v.fleet().needed(), v.fleet().available(), v.fleet().fits() ? "fits" : "DOES NOT FIT",
                v.fleet().largestFleet());
    }
}
