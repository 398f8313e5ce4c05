package dev.poolbench.core.seeds;

import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark point a claim is judged from: the benchmark ({@code Class.method} in bench-pools), the
 * thread count, and the parameters that must have these values (the others may have any).
 */
public record JmhPoint(String benchmark, int threads, Map<String, String> params) {

    public JmhPoint {
        params = Map.copyOf(params);
    }

    public static JmhPoint of(String benchmark, int threads, String... assignments) {
        Map<String, String> params = new TreeMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            params.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return new JmhPoint(benchmark, threads, params);
    }

    /**
     * Whether a result of {@code benchmark} at {@code threads} with {@code actual} parameters is this point. A
     * wanted {@code default} also matches a result without that parameter (a benchmark that does not set it, or a
     * result recorded before it existed).
     */
    public boolean matches(String benchmark, int threads, Map<String, String> actual) {
        return this.benchmark.equals(benchmark) && this.threads == threads
                && params.entrySet().stream().allMatch(e -> e.getValue().equals(actual.getOrDefault(e.getKey(), "default")));
    }

    @Override
    public String toString() {
        return benchmark + " threads=" + threads + " " + new TreeMap<>(params);
    }
}
