package dev.poolbench.reports.model;

import java.util.SortedMap;

/**
 * What one benchmark point cost the database (format poolbench-server-connections/1), sampled from
 * pg_stat_activity during its measured iterations: the most backends at once, the mean of each
 * state, and the physical connections the pool opened.
 */
public record ServerConnectionPoint(String benchmark, String mode, int threads, SortedMap<String, String> params,
                                    int peakTotal, double meanActive, double meanIdle, double meanTotal,
                                    long opened, long timeouts) {

    public String strategy() {
        return params.getOrDefault("strategy", "-");
    }
}
