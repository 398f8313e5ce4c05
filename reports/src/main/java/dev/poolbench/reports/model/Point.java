package dev.poolbench.reports.model;

import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * One measured number: a JMH score (or a sample-time p99), or a load-scenario figure. Its key names
 * the same point in another run; {@code samples} are the per-iteration values compare tests with.
 *
 * @param source         {@code jmh} or {@code load}
 * @param name           {@code Query.query} for JMH, the simulation for load
 * @param mode           JMH's mode ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss}) or {@code load}
 * @param metric         {@code score}, {@code p99}; for load {@code throughput}, {@code successRate}, {@code p99}...
 * @param interval       what low..high is ({@link #CONFIDENCE}, {@link #ITERATION_RANGE}), empty when there is none
 * @param higherIsBetter true for throughputs and success rates, false for times
 */
public record Point(String source, String name, String mode, int threads, SortedMap<String, String> params,
                    String metric, String unit, double value, double low, double high, String interval,
                    double[] samples, boolean higherIsBetter) {

    /** What {@code low}..{@code high} of a JMH score is: JMH's own confidence interval. */
    public static final String CONFIDENCE = "99.9% confidence interval";
    /** What {@code low}..{@code high} of a p99 is: the lowest and highest of the iterations' p99s. */
    public static final String ITERATION_RANGE = "range over iterations";

    /** What identifies this point across runs; parameters in {@code ignored} do not count. */
    public String key(Set<String> ignored) {
        return source + "|" + name + "|" + mode + "|" + threads + "|" + paramText(ignored) + "|" + metric;
    }

    /** {@code Query.query thrpt threads=4 poolSize=5 strategy=queue} (and the metric when it is not the score). */
    public String label(Set<String> ignored) {
        StringBuilder label = new StringBuilder(name).append(' ').append(mode);
        if (source.equals("jmh")) {
            label.append(" threads=").append(threads);
        }
        String params = paramText(ignored);
        if (!params.isEmpty()) {
            label.append(' ').append(params);
        }
        if (!metric.equals("score")) {
            label.append(" [").append(metric).append(']');
        }
        return label.toString();
    }

    /**
     * pooler=none is the pool talking to the server directly, as every run did before the parameter existed (issue
     * 14): it is left out, so a point matches the same point of an older run.
     */
    private String paramText(Set<String> ignored) {
        return params.entrySet().stream()
                .filter(p -> !ignored.contains(p.getKey()))
                .filter(p -> !(p.getKey().equals("pooler") && p.getValue().equals("none")))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining(" "));
    }

    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
