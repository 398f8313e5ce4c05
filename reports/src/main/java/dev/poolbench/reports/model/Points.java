package dev.poolbench.reports.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every measured number of a run as {@link Point}s: one row each in results.csv, and what compare
 * matches between two runs. Nothing here computes a new figure: each value is one the run recorded.
 */
public final class Points {

    private Points() {
    }

    public static List<Point> of(Run run) {
        List<Point> points = new ArrayList<>();
        for (JmhResult r : run.jmh()) {
            Metric m = r.primary();
            boolean higherIsBetter = r.isThroughput();
            points.add(new Point("jmh", r.shortName(), r.mode(), r.threads(), r.params(), "score", m.unit(),
                    m.score(), m.low(), m.high(), m.hasError() ? Point.CONFIDENCE : "", m.iterations(), higherIsBetter));
            if (r.isSampleTime() && !Double.isNaN(m.p99())) {
                double[] p99s = m.iterationP99s();
                points.add(new Point("jmh", r.shortName(), r.mode(), r.threads(), r.params(), "p99", m.unit(),
                        m.p99(), Samples.min(p99s), Samples.max(p99s), Point.ITERATION_RANGE, p99s, false));
            }
        }
        for (LoadSummaryFile l : run.load()) {
            SortedMap<String, String> params = new TreeMap<>();
            params.put("configuration", l.summary().configuration());
            points.add(load(l, params, "throughput", "req/s", l.summary().throughputRps(), true));
            points.add(load(l, params, "successRate", "fraction", l.summary().successRate(), true));
            for (String percentile : List.of("p50", "p95", "p99")) {
                if (!Double.isNaN(l.latency(percentile))) {
                    points.add(load(l, params, percentile, "ms", l.latency(percentile), false));
                }
            }
        }
        return List.copyOf(points);
    }

    private static Point load(LoadSummaryFile l, SortedMap<String, String> params, String metric, String unit, double value,
                              boolean higherIsBetter) {
        // one run of a simulation is one sample: compare shows the difference but cannot call it significant
        return new Point("load", l.summary().simulation(), "load", 0, params, metric, unit, value, Double.NaN, Double.NaN, "",
                new double[] {value}, higherIsBetter);
    }
}
