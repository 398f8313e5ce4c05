package dev.poolbench.results;

import java.util.List;

/**
 * The native ceiling ({@code pgbench.json}): pgbench running Query's primary-key SELECT on the same server, at
 * the client counts Query ran with, each several times.
 *
 * @param script   the pgbench script, as run
 * @param protocol pgbench's {@code -M}
 */
public record NativeCeiling(String pgbenchVersion, String script, String protocol, List<Point> points) {

    public static final ResultFormat<NativeCeiling> FORMAT = new ResultFormat<>("poolbench-pgbench/1", "pgbench.json",
            NativeCeiling.class);

    /** One client count: every run's transactions per second and average latency, and their mean tps. */
    public record Point(int clients, int threads, int seconds, List<Double> tps, List<Double> latencyAverageMs, double meanTps) {
    }
}
