package dev.poolbench.reports.run;

import java.util.List;

/** pgbench's own throughput on the same server (format poolbench-pgbench/1): what no Java pool can beat. */
public record NativeCeiling(String script, List<Run> runs) {

    public record Run(int clients, int jobs, double tps, double latencyAvgMs) {
    }
}
