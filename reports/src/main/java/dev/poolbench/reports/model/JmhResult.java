package dev.poolbench.reports.model;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One JMH result: a benchmark method at one combination of parameters, mode and thread count.
 *
 * @param forks how many JVMs JMH measured it in (its {@code forks}; 0 when it ran in the calling JVM): with one, its
 *              interval is over one JVM's iterations and leaves out how much a fresh JVM differs
 */
public record JmhResult(String benchmark, String mode, int threads, SortedMap<String, String> params,
                        Metric primary, Map<String, Metric> secondary, int forks) {

    /** {@code Query.query} for {@code dev.poolbench.pools.Query.query}: class and method. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean isThroughput() {
        return mode.equals("thrpt");
    }

    public boolean isSampleTime() {
        return mode.equals("sample");
    }

    /** The number of concurrent callers: the {@code callers} parameter when the benchmark has one, else JMH's threads. */
    public int callers() {
        return param("callers").map(Integer::parseInt).orElse(threads);
    }
}
