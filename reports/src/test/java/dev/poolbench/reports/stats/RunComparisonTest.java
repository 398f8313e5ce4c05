package dev.poolbench.reports.stats;

import dev.poolbench.reports.input.InputException;
import dev.poolbench.reports.model.Point;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The decisions compare makes, on hand-made points (TEST DATA: the values are chosen to make the
 * expected p-values and means exact, not measured). The same logic on real runs is in
 * CompareRealRunsTest.
 */
class RunComparisonTest {

    @Test
    void fiveAgainstFiveWithNoOverlapIsSignificantAtTheExactMannWhitneyPValue() {
        // all of one sample below all of the other: two of C(10,5) = 252 orderings are as extreme
        assertThat(Significance.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}).getAsDouble())
                .isCloseTo(2.0 / 252, within(1e-12));
    }

    @Test
    void identicalSamplesHaveNoSignificantDifference() {
        double[] same = {5, 5, 5, 5, 5};
        assertThat(Significance.pValue(same, same).getAsDouble()).isEqualTo(1.0);
        assertThat(Significance.isSignificant(Significance.pValue(same, same))).isFalse();
    }

    @Test
    void oneSampleASideIsNotTested() {
        assertThat(Significance.pValue(new double[] {1}, new double[] {100})).isEmpty();
    }

    @Test
    void threeAgainstThreeCanNeverBeSignificantHowEverFarApart() {
        // the smallest two-sided p for 3+3 is 2/20 = 0.1: why the runs need five iterations or more
        assertThat(Significance.pValue(new double[] {1, 2, 3}, new double[] {1000, 2000, 3000}).getAsDouble())
                .isCloseTo(0.1, within(1e-12));
    }

    @Test
    void theSmallestPossiblePValueSaysWhenATestCannotDetectAnything() {
        assertThat(Significance.smallestPValue(3, 3)).isCloseTo(0.1, within(1e-12));
        assertThat(Significance.smallestPValue(4, 4)).isCloseTo(2.0 / 70, within(1e-12));
        assertThat(Significance.canDetect(3, 3)).isFalse();
        assertThat(Significance.canDetect(4, 4)).isTrue();
        assertThat(Significance.canDetect(1, 30)).isFalse();

        Comparison c = RunComparison.of(List.of(thrpt("queue", 1, 2, 3)), List.of(thrpt("queue", 100, 200, 300)), Set.of());
        assertThat(c.undetectable()).hasSize(1);
        assertThat(c.significant()).isEmpty();
    }

    @Test
    void aThroughputDropIsASlowdownAndATimeDropIsASpeedup() {
        Comparison c = RunComparison.of(
                List.of(thrpt("queue", 98, 99, 100, 101, 102), time("queue", 9.8, 9.9, 10, 10.1, 10.2)),
                List.of(thrpt("queue", 48, 49, 50, 51, 52), time("queue", 4.8, 4.9, 5, 5.1, 5.2)),
                Set.of());

        ComparedPoint throughput = c.tables().get(0).rows().get(0);
        ComparedPoint time = c.tables().get(1).rows().get(0);
        assertThat(throughput.deltaPct()).isCloseTo(-50, within(1e-9));
        assertThat(throughput.slowdownPct()).isCloseTo(50, within(1e-9));
        assertThat(time.deltaPct()).isCloseTo(-50, within(1e-9));
        assertThat(time.slowdownPct()).isCloseTo(-50, within(1e-9));
        assertThat(c.regressions(49)).containsExactly(throughput);
        assertThat(c.regressions(50)).isEmpty();
    }

    @Test
    void unitsAreConvertedBeforeComparing() {
        Point perMs = new Point("jmh", "Query.query", "thrpt", 1, params("queue"), "score", "ops/ms", 1.0, 0.9, 1.1,
                Point.CONFIDENCE, new double[] {1.0, 1.0, 1.0, 1.0, 1.0}, true);
        Comparison c = RunComparison.of(List.of(thrpt("queue", 1000, 1000, 1000, 1000, 1000)), List.of(perMs), Set.of());

        ComparedPoint row = c.rows().get(0);
        assertThat(row.candidate().value()).isEqualTo(1000.0);
        assertThat(row.candidate().unit()).isEqualTo("ops/s");
        assertThat(row.deltaPct()).isEqualTo(0.0);
        assertThat(row.significant()).isFalse();
    }

    @Test
    void theGeometricMeanRowComparesTheGeometricMeansOfBothRuns() {
        Comparison c = RunComparison.of(
                List.of(thrpt("none", 10, 10, 10, 10, 10), thrpt("queue", 1000, 1000, 1000, 1000, 1000)),
                List.of(thrpt("none", 40, 40, 40, 40, 40), thrpt("queue", 1000, 1000, 1000, 1000, 1000)),
                Set.of());

        Comparison.Geomean g = c.tables().get(0).geomean();
        assertThat(g.baseline()).isCloseTo(100, within(1e-9));   // sqrt(10 x 1000)
        assertThat(g.candidate()).isCloseTo(200, within(1e-9));  // sqrt(40 x 1000)
        assertThat(g.deltaPct()).isCloseTo(100, within(1e-9));
        assertThat(g.points()).isEqualTo(2);
    }

    @Test
    void pointsOfOnlyOneRunAreListedNotDropped() {
        Comparison c = RunComparison.of(List.of(thrpt("none", 1, 2, 3, 4, 5), thrpt("queue", 1, 2, 3, 4, 5)),
                List.of(thrpt("queue", 1, 2, 3, 4, 5), thrpt("hikari", 1, 2, 3, 4, 5)), Set.of());

        assertThat(c.rows()).extracting(r -> r.baseline().params().get("strategy")).containsExactly("queue");
        assertThat(c.onlyInBaseline()).extracting(p -> p.params().get("strategy")).containsExactly("none");
        assertThat(c.onlyInCandidate()).extracting(p -> p.params().get("strategy")).containsExactly("hikari");
    }

    @Test
    void ignoringAParameterThatVariesWithinARunIsRefusedWithOneLine() {
        List<Point> run = List.of(thrpt("none", 1, 2, 3, 4, 5), thrpt("queue", 1, 2, 3, 4, 5));

        assertThatThrownBy(() -> RunComparison.of(run, run, Set.of("strategy")))
                .isInstanceOf(InputException.class)
                .hasMessage("--ignore strategy leaves two baseline points named 'Query.query thrpt threads=1 poolSize=5':"
                        + " ignore only parameters that differ between the runs, not within one");
    }

    private static Point thrpt(String strategy, double... samples) {
        double mean = java.util.Arrays.stream(samples).average().orElseThrow();
        return new Point("jmh", "Query.query", "thrpt", 1, params(strategy), "score", "ops/s", mean, mean * 0.9, mean * 1.1,
                Point.CONFIDENCE, samples, true);
    }

    private static Point time(String strategy, double... samples) {
        double mean = java.util.Arrays.stream(samples).average().orElseThrow();
        return new Point("jmh", "Query.query", "avgt", 1, params(strategy), "score", "ms/op", mean, mean * 0.9, mean * 1.1,
                Point.CONFIDENCE, samples, false);
    }

    private static TreeMap<String, String> params(String strategy) {
        return new TreeMap<>(Map.of("strategy", strategy, "poolSize", "5"));
    }
}
