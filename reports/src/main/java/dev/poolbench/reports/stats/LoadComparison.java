package dev.poolbench.reports.stats;

import dev.poolbench.reports.claims.ClaimInputs;
import dev.poolbench.reports.model.LoadSummaryFile;
import dev.poolbench.reports.model.Run;
import dev.poolbench.results.LoadSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.function.ToDoubleFunction;

/**
 * compare's load figures (issue 18.4): each configuration both runs loaded, its operations per second and its p95
 * and p99 response times, the median of its repetitions on each side, the change, and Welch's t-test across the
 * repetitions at alpha {@value Significance#ALPHA} (a load run is one number, not a distribution of iterations:
 * three runs a side are too few for the rank test compare uses on JMH's iterations ever to reach 0.05). A side of
 * one run is not tested.
 */
public final class LoadComparison {

    private LoadComparison() {
    }

    /**
     * One load figure of both runs.
     *
     * @param deltaPct    the candidate's median against the baseline's, in percent
     * @param slowdownPct how much worse the candidate is (positive: fewer operations, or slower answers)
     */
    public record Row(String label, String unit, double[] baseline, double[] candidate, Repeated.Estimate baselineFigure,
                      Repeated.Estimate candidateFigure, double deltaPct, double slowdownPct, OptionalDouble pValue) {

        public boolean significant() {
            return Significance.isSignificant(pValue);
        }

        /** What {@code --fail-on-regression} fails on, as for a JMH point ({@link ComparedPoint#isSignificantSlowdown}). */
        public boolean isSignificantSlowdown(double thresholdPct) {
            return significant() && slowdownPct > thresholdPct;
        }
    }

    private record Figure(String suffix, String unit, ToDoubleFunction<LoadSummary> value, boolean higherIsBetter) {
    }

    /** The labels of the claims runs' figures begin with it. */
    private static final String CLAIMS = "claims ";

    private static final List<Figure> FIGURES = List.of(
            new Figure("ops/sec", "ops/sec", ClaimInputs::operationsPerSecond, true),
            new Figure("p95", "ms", s -> latency(s, s.latencyMs() == null ? null : s.latencyMs().p95()), false),
            new Figure("p99", "ms", s -> latency(s, s.latencyMs() == null ? null : s.latencyMs().p99()), false));

    /**
     * The load figures both runs have, in the baseline's order; none when either run has no load results, and none of the
     * claims runs' when one is the main job's compact pass and the other is not ({@link #claimsAtDifferentScales}).
     */
    public static List<Row> of(Run baseline, Run candidate) {
        Map<String, List<LoadSummary>> b = runs(baseline);
        Map<String, List<LoadSummary>> c = runs(candidate);
        boolean differentScales = claimsAtDifferentScales(baseline, candidate);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<LoadSummary>> entry : b.entrySet()) {
            List<LoadSummary> other = c.get(entry.getKey());
            if (other == null || differentScales && entry.getKey().startsWith(CLAIMS)) {
                continue;
            }
            for (Figure figure : FIGURES) {
                double[] x = values(entry.getValue(), figure.value());
                double[] y = values(other, figure.value());
                if (x.length == 0 || y.length == 0) {
                    continue;
                }
                Repeated.Estimate bx = Repeated.of(x);
                Repeated.Estimate cy = Repeated.of(y);
                double delta = (cy.value() - bx.value()) / bx.value() * 100;
                rows.add(new Row(entry.getKey() + " " + figure.suffix(), figure.unit(), x, y, bx, cy, delta,
                        figure.higherIsBetter() ? -delta : delta, Repeated.welchPValue(x, y)));
            }
        }
        return rows;
    }

    /**
     * Whether both runs have claims load runs, one the main job's compact pass (40 users, a fixed 20 ms) and the other at
     * the seed's load: the same configuration's figures then measure two loads, not a change.
     */
    public static boolean claimsAtDifferentScales(Run baseline, Run candidate) {
        return baseline.claims().isPresent() && candidate.claims().isPresent()
                && !baseline.claims().get().compactScale().equals(candidate.claims().get().compactScale());
    }

    /** Whether the run has any load results to compare. */
    public static boolean hasLoad(Run run) {
        return !runs(run).isEmpty();
    }

    /**
     * Every load configuration of the run by label: the claims run's ({@code claims baseline},
     * {@code claims reference baseline}), each with all its repetitions, and the plain load scenarios' summaries
     * ({@code load TodoApiSimulation.json}), one run each.
     */
    static Map<String, List<LoadSummary>> runs(Run run) {
        Map<String, List<LoadSummary>> runs = new LinkedHashMap<>();
        for (LoadSummaryFile f : run.load()) {
            runs.put("load " + f.file(), List.of(f.summary()));
        }
        run.claims().ifPresent(claims -> {
            add(runs, CLAIMS, claims.runs());
            add(runs, CLAIMS + "reference ", claims.referenceRuns());
        });
        return runs;
    }

    private static void add(Map<String, List<LoadSummary>> runs, String prefix, Map<String, SortedMap<Integer, LoadSummary>> byName) {
        byName.forEach((name, repetitions) -> runs.put(prefix + name, List.copyOf(repetitions.values())));
    }

    private static double[] values(List<LoadSummary> runs, ToDoubleFunction<LoadSummary> figure) {
        return runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static double latency(LoadSummary s, Integer ms) {
        return ms == null ? Double.NaN : ms;
    }
}
