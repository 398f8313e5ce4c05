package dev.poolbench.reports.model;

import java.util.List;

/**
 * pgbench's own throughput on the same server and query (format poolbench-pgbench/1): what no Java
 * pool can beat. Each point ran pgbench several times; {@code tps} holds every run.
 */
public record NativeCeiling(String script, String protocol, String pgbenchVersion, List<Point> points) {

    public record Point(int clients, int threads, double seconds, double[] tps, double meanTps) {
    }
}
