package dev.poolbench.results;

import java.util.List;
import java.util.SortedMap;

/**
 * What each benchmark point cost the server ({@code server-connections.json}): backends sampled from
 * {@code pg_stat_activity} every 100 ms during its measured iterations, one point per benchmark, mode,
 * parameters and thread count.
 */
public record ServerConnectionPoints(List<Point> points) {

    public static final ResultFormat<ServerConnectionPoints> FORMAT = new ResultFormat<>("poolbench-server-connections/1",
            "server-connections.json", ServerConnectionPoints.class);

    /**
     * @param params    the benchmark's JMH parameters, by name
     * @param peakTotal the most backends at once over the iterations; the means are over the iterations
     * @param opened    the physical connections the pool opened over the iterations
     */
    public record Point(String benchmark, String mode, int threads, SortedMap<String, String> params, int iterations,
                        int peakTotal, double meanActive, double meanIdle, double meanTotal, long opened, long timeouts) {
    }
}
