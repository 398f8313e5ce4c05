package dev.poolbench.reports.model;

import dev.poolbench.reports.input.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Corners of JMH's JSON that a short real run does not always show (TEST DATA, hand-written in
 * JMH's shape): a missing error written as "NaN", and sample-time histograms over several forks.
 */
class RunReaderTest {

    @Test
    void aSingleIterationHasNoErrorAndNoInterval() throws Exception {
        List<JmhResult> results = RunReader.jmhResults(Json.MAPPER.readTree("[{\"benchmark\": \"dev.poolbench.pools.Query.query\","
                + " \"mode\": \"thrpt\", \"threads\": 2, \"params\": {\"strategy\": \"queue\"},"
                + " \"primaryMetric\": {\"score\": 812.5, \"scoreError\": \"NaN\", \"scoreConfidence\": [\"NaN\", \"NaN\"],"
                + " \"scoreUnit\": \"ops/s\", \"rawData\": [[812.5]]}, \"secondaryMetrics\": {}}]"));

        JmhResult r = results.get(0);
        assertThat(r.shortName()).isEqualTo("Query.query");
        assertThat(r.primary().hasError()).isFalse();
        Point p = Points.of(runOf(results)).get(0);
        assertThat(p.hasInterval()).isFalse();
        assertThat(p.interval()).isEmpty();
        assertThat(p.samples()).containsExactly(812.5);
    }

    @Test
    void sampleTimeIterationsAreEachIterationsMeanAndP99AcrossForks() throws Exception {
        // fork 1: [1 ms x 99, 10 ms x 1], [2 ms x 100]; fork 2: [1 ms x 50, 3 ms x 50]
        List<JmhResult> results = RunReader.jmhResults(Json.MAPPER.readTree("[{\"benchmark\": \"a.B.c\", \"mode\": \"sample\","
                + " \"threads\": 1, \"params\": {}, \"primaryMetric\": {\"score\": 1.5, \"scoreError\": 0.2,"
                + " \"scoreConfidence\": [1.3, 1.7], \"scorePercentiles\": {\"50.0\": 1.0, \"99.0\": 3.0}, \"scoreUnit\": \"ms/op\","
                + " \"rawDataHistogram\": [[[[1.0, 99], [10.0, 1]], [[2.0, 100]]], [[[3.0, 50], [1.0, 50]]]]}}]"));

        Metric m = results.get(0).primary();
        assertThat(m.iterations()).containsExactly(new double[] {1.09, 2.0, 2.0}, within(1e-12));
        assertThat(m.iterationP99s()).containsExactly(1.0, 2.0, 3.0);
        assertThat(m.p99()).isEqualTo(3.0);
        List<Point> points = Points.of(runOf(results));
        assertThat(points).extracting(Point::metric).containsExactly("score", "p99");
        assertThat(points.get(1).low()).isEqualTo(1.0);
        assertThat(points.get(1).high()).isEqualTo(3.0);
        assertThat(points.get(1).interval()).isEqualTo(Point.ITERATION_RANGE);
    }

    @Test
    void jmhUnitsConvert() {
        assertThat(Units.factor("ops/ms", "ops/s").getAsDouble()).isCloseTo(1000, within(1e-9));
        assertThat(Units.factor("us/op", "ms/op").getAsDouble()).isCloseTo(0.001, within(1e-15));
        assertThat(Units.factor("ops/min", "ops/s").getAsDouble()).isCloseTo(1.0 / 60, within(1e-15));
        assertThat(Units.factor("ops/s", "ms/op")).isEmpty();
        assertThat(Units.isThroughput("ops/us")).isTrue();
        assertThat(Units.isTime("ns/op")).isTrue();
    }

    private static Run runOf(List<JmhResult> results) {
        return new Run(java.time.Instant.EPOCH, "test", java.util.Optional.empty(), true, results, java.util.Optional.empty(),
                java.util.Optional.empty(), List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), false, List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), List.of());
    }
}
