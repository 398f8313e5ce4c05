package dev.poolbench.pools.runner;

import dev.poolbench.pools.PoolSizing;
import dev.poolbench.results.PoolSizingPeaks;
import dev.poolbench.results.ResultFiles;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PoolSizing's answer per caller count: the pool size that measured the most throughput, beside
 * HikariCP's rule of thumb, connections = cores x 2 + effective spindles ({@code pool-sizing.json},
 * {@link PoolSizingPeaks}). Throughput is calls per shot over the shot's time (see
 * {@link dev.poolbench.pools.PoolSizing}).
 */
final class PoolSizingSummary {

    private PoolSizingSummary() {
    }

    /** HikariCP's rule is checked on HikariCP's pool (a run before PoolSizing had a strategy parameter measured only it). */
    private static boolean formulasPool(RunResult r) {
        String strategy = r.getParams().getParam("strategy");
        return strategy == null || strategy.equals("hikari");
    }

    /**
     * @param cores    the database server's cores (this machine's, when the server runs here)
     * @param spindles HikariCP's "effective spindle count": 0 when the data set is cached, as here
     */
    static void write(Collection<RunResult> results, int cores, int spindles, Path out) throws IOException {
        Map<Integer, TreeMap<Integer, double[]>> byCallers = new TreeMap<>();
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith(".PoolSizing.shot") || !formulasPool(r)) {
                continue;
            }
            int callers = Integer.parseInt(r.getParams().getParam("callers"));
            int poolSize = Integer.parseInt(r.getParams().getParam("poolSize"));
            // the score is milliseconds per shot of PoolSizing.CALLS calls
            double millis = r.getPrimaryResult().getScore();
            double perSecond = PoolSizing.CALLS * 1000.0 / millis;
            double error = perSecond * r.getPrimaryResult().getScoreError() / millis;
            byCallers.computeIfAbsent(callers, c -> new TreeMap<>()).put(poolSize, new double[] {perSecond, error, millis});
        }
        if (byCallers.isEmpty()) {
            return;
        }
        int predicted = cores * 2 + spindles;
        List<PoolSizingPeaks.Callers> curves = new ArrayList<>();
        byCallers.forEach((callers, curve) -> {
            Map.Entry<Integer, double[]> peak = curve.entrySet().stream()
                    .max((a, b) -> Double.compare(a.getValue()[0], b.getValue()[0])).orElseThrow();
            double[] atFormula = curve.get(predicted);
            List<PoolSizingPeaks.Point> points = new ArrayList<>();
            curve.forEach((size, score) -> points.add(new PoolSizingPeaks.Point(size, score[0], score[1], score[2])));
            curves.add(new PoolSizingPeaks.Callers(callers, peak.getKey(), peak.getValue()[0], peak.getValue()[1], predicted,
                    atFormula == null ? null : atFormula[0], points));
            System.out.printf("poolbench: %d callers: throughput peaks at pool size %d (%.0f ops/s); cores x 2 + spindles = %d%n",
                    callers, peak.getKey(), peak.getValue()[0], predicted);
        });
        ResultFiles.write(out.resolve(PoolSizingPeaks.FORMAT.fileName()), PoolSizingPeaks.FORMAT,
                new PoolSizingPeaks(cores, spindles, "cores x 2 + effective spindles", PoolSizing.CALLS, curves));
    }
}
