package dev.poolbench.pools.sizing;

import dev.poolbench.results.Sizing;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a sizing run (issue 13): of the sizes measured for one workload, round trip and caller count, the
 * smallest that does as well as the best one. "As well" is two rules, each with a constant stated once, here:
 * throughput not significantly below the best size's ({@link #ALPHA}) and p99 within a margin of the best's
 * ({@link #P99_MARGIN}). The best size is the one with the highest mean throughput.
 */
public final class SizingRule {

    /**
     * The level of the one-sided Welch t-test (throughput of a size below the best's, across the repetitions): the
     * usual 5%. With few repetitions per size the test is weak, so a smaller pool is kept unless its repetitions
     * agree that it is slower; that favours the smaller pool, which costs the database less.
     */
    public static final double ALPHA = 0.05;

    /**
     * How much longer than the best size's p99 (median over the repetitions) a recommended size's may be: 20%.
     * Chosen, not derived: a fifth longer tail is one a user of the service notices, while a tighter margin would let
     * the window-to-window noise of a p99 measured over a few seconds decide the verdict.
     */
    public static final double P99_MARGIN = 0.20;

    private SizingRule() {
    }

    /** The recommended and the best point of a curve, the test's p-value between them, and why smaller sizes lost. */
    public record Choice(Sizing.Point recommended, Sizing.Point best, double pValue, List<String> rejected) {
    }

    /** The rule applied to {@code curve}: the points of one workload, round trip and caller count, any order. */
    public static Choice choose(List<Sizing.Point> curve) {
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("no points to choose from");
        }
        List<Sizing.Point> bySize = new ArrayList<>(curve);
        bySize.sort(Comparator.comparingInt(Sizing.Point::poolSize));
        Sizing.Point best = bySize.stream().max(Comparator.comparingDouble(p -> p.throughput().value())).orElseThrow();
        double[] bestThroughputs = throughputs(best);
        double p99Limit = best.p99Ms().value() * (1 + P99_MARGIN);
        List<String> rejected = new ArrayList<>();
        for (Sizing.Point candidate : bySize) {
            if (candidate == best) {
                return new Choice(best, best, 1.0, rejected);
            }
            double p = pBelow(throughputs(candidate), bestThroughputs);
            boolean slower = p < ALPHA;
            boolean longerTail = candidate.p99Ms().value() > p99Limit;
            if (!slower && !longerTail) {
                return new Choice(candidate, best, p, rejected);
            }
            List<String> why = new ArrayList<>();
            if (slower) {
                why.add(String.format(Locale.ROOT, "throughput %.0f/s below the best's %.0f/s (p = %.3g < %.2f)",
                        candidate.throughput().value(), best.throughput().value(), p, ALPHA));
            }
            if (longerTail) {
                why.add(String.format(Locale.ROOT, "p99 %.2f ms above %.2f ms (the best's %.2f ms + %.0f%%)",
                        candidate.p99Ms().value(), p99Limit, best.p99Ms().value(), P99_MARGIN * 100));
            }
            rejected.add(candidate.poolSize() + ": " + String.join("; ", why));
        }
        throw new IllegalStateException("unreachable: the best size is among the curve's");
    }

    /**
     * The one-sided Welch t-test's p-value for "{@code candidate}'s mean is below {@code best}'s". Two sets of windows
     * without any spread (identical numbers) have no t statistic; then the means alone decide: 0 when lower, 1 otherwise.
     */
    static double pBelow(double[] candidate, double[] best) {
        if (variance(candidate) == 0 && variance(best) == 0) {
            return mean(candidate) < mean(best) ? 0.0 : 1.0;
        }
        return TTest.withDefaults().with(AlternativeHypothesis.LESS_THAN).with(DataDispersion.HETEROSCEDASTIC)
                .test(candidate, best).getPValue();
    }

    /** The verdict record: the choice with Little's law, the formula with both core counts, and the fleet beside it. */
    public static Sizing.Verdict verdict(List<Sizing.Point> curve, int harnessCores, Integer databaseCores,
                                         Sizing.Server server, int instances, int maxOverflow) {
        Choice choice = choose(curve);
        Sizing.Point r = choice.recommended();
        Sizing.Point b = choice.best();
        double busy = b.throughput().value() * b.meanHoldMs() / 1000.0;
        return new Sizing.Verdict(r.workload(), r.rttMs(), r.callers(), r.poolSize(), b.poolSize(), ALPHA, P99_MARGIN,
                choice.pValue(), r.throughput(), b.throughput(), r.p99Ms(), b.p99Ms(), b.meanHoldMs(), busy,
                formula(harnessCores), databaseCores == null ? null : formula(databaseCores),
                FleetMath.fleet(server, r.poolSize() + maxOverflow, instances), choice.rejected());
    }

    /** HikariCP's rule of thumb, cores x 2 + effective spindles, with one effective spindle (an SSD's). */
    public static int formula(int cores) {
        return cores * 2 + 1;
    }

    static double[] throughputs(Sizing.Point point) {
        return point.byRepetition().stream().mapToDouble(Sizing.Repetition::throughput).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0 : sum / (values.length - 1);
    }
}
