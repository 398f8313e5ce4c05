package dev.poolbench.pools.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.pools.PoolSizing;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PoolSizing's answer per caller count: the pool size that measured the most throughput, beside
 * HikariCP's rule of thumb, connections = cores x 2 + effective spindles ({@code pool-sizing.json},
 * format {@value #FORMAT}). Throughput is calls per shot over the shot's time (see
 * {@link dev.poolbench.pools.PoolSizing}).
 */
final class PoolSizingSummary {

    static final String FORMAT = "poolbench-pool-sizing/1";
    static final String FILE = "pool-sizing.json";

    private PoolSizingSummary() {
    }

    /**
     * @param cores    the database server's cores (this machine's, when the server runs here)
     * @param spindles HikariCP's "effective spindle count": 0 when the data set is cached, as here
     */
    static void write(Collection<RunResult> results, int cores, int spindles, Path out) throws IOException {
        Map<Integer, TreeMap<Integer, double[]>> byCallers = new TreeMap<>();
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith(".PoolSizing.shot")) {
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
        List<Map<String, Object>> curves = new ArrayList<>();
        byCallers.forEach((callers, curve) -> {
            Map.Entry<Integer, double[]> peak = curve.entrySet().stream()
                    .max((a, b) -> Double.compare(a.getValue()[0], b.getValue()[0])).orElseThrow();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("callers", callers);
            entry.put("measuredPeakPoolSize", peak.getKey());
            entry.put("measuredPeakOpsPerSecond", peak.getValue()[0]);
            entry.put("measuredPeakError", peak.getValue()[1]);
            entry.put("formulaPoolSize", predicted);
            double[] atFormula = curve.get(predicted);
            entry.put("formulaOpsPerSecond", atFormula == null ? null : atFormula[0]);
            List<Map<String, Object>> points = new ArrayList<>();
            curve.forEach((size, score) -> points.add(Map.of("poolSize", size, "opsPerSecond", score[0], "error", score[1],
                    "millisPerShot", score[2])));
            entry.put("curve", points);
            curves.add(entry);
            System.out.printf("poolbench: %d callers: throughput peaks at pool size %d (%.0f ops/s); cores x 2 + spindles = %d%n",
                    callers, peak.getKey(), peak.getValue()[0], predicted);
        });
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", FORMAT);
        file.put("cores", cores);
        file.put("spindles", spindles);
        file.put("formula", "cores x 2 + effective spindles");
        file.put("callsPerShot", PoolSizing.CALLS);
        file.put("byCallers", curves);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(FILE).toFile(), file);
    }
}
