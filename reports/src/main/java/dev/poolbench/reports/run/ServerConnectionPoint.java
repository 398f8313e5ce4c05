package dev.poolbench.reports.run;

import java.util.SortedMap;

/**
 * What one benchmark point cost the database (format poolbench-server-connections/1): the most
 * connections {@code pg_stat_activity} showed for poolbench while the point ran.
 */
public record ServerConnectionPoint(String benchmark, int threads, SortedMap<String, String> params,
                                    int active, int idle, int idleInTransaction, int total) {

    public String strategy() {
        return params.getOrDefault("strategy", "-");
    }
}
