package dev.poolbench.results;

import java.util.List;

/**
 * PoolSizing's measured peak per caller count beside HikariCP's rule of thumb, cores x 2 + effective spindles
 * ({@code pool-sizing.json}). Throughput is calls per shot over the shot's time: {@code opsPerSecond} =
 * {@code callsPerShot} / the shot's time.
 *
 * @param cores    the database server's cores, as the formula counts them
 * @param spindles the effective spindle count the formula was given
 */
public record PoolSizingPeaks(int cores, int spindles, String formula, int callsPerShot, List<Callers> byCallers) {

    public static final ResultFormat<PoolSizingPeaks> FORMAT = new ResultFormat<>("poolbench-pool-sizing/1",
            "pool-sizing.json", PoolSizingPeaks.class);

    /**
     * One caller count's curve and its peak.
     *
     * @param formulaOpsPerSecond what the formula's pool size measured; null when that size was not measured
     */
    public record Callers(int callers, int measuredPeakPoolSize, double measuredPeakOpsPerSecond, double measuredPeakError,
                          int formulaPoolSize, Double formulaOpsPerSecond, List<Point> curve) {
    }

    public record Point(int poolSize, double opsPerSecond, double error, double millisPerShot) {
    }
}
