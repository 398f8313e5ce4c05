package dev.poolbench.reports.stats;

import dev.poolbench.reports.input.InputException;
import dev.poolbench.reports.model.Point;
import dev.poolbench.reports.model.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** Matches two runs' points by key and decides, point by point, whether the difference is real. */
public final class RunComparison {

    private RunComparison() {
    }

    /**
     * @param ignored parameters left out of the match, as benchstat's {@code -ignore}: comparing a run
     *                with {@code prePing=false} against one with {@code prePing=true} matches the points
     *                when {@code prePing} is ignored, instead of listing each as present in one run only
     */
    public static Comparison of(List<Point> baseline, List<Point> candidate, Set<String> ignored) {
        Map<String, Point> base = byKey(baseline, ignored, "baseline");
        Map<String, Point> cand = byKey(candidate, ignored, "candidate");

        Map<String, List<ComparedPoint>> byUnit = new LinkedHashMap<>();
        List<Point> onlyInBaseline = new ArrayList<>();
        for (Map.Entry<String, Point> b : base.entrySet()) {
            Point c = cand.get(b.getKey());
            if (c == null || Units.factor(c.unit(), b.getValue().unit()).isEmpty()) {
                onlyInBaseline.add(b.getValue());
                continue;
            }
            ComparedPoint row = compare(b.getValue(), inUnit(c, b.getValue().unit()), ignored);
            byUnit.computeIfAbsent(b.getValue().unit(), u -> new ArrayList<>()).add(row);
        }
        List<Point> onlyInCandidate = new ArrayList<>();
        for (Map.Entry<String, Point> c : cand.entrySet()) {
            Point b = base.get(c.getKey());
            if (b == null || Units.factor(c.getValue().unit(), b.unit()).isEmpty()) {
                onlyInCandidate.add(c.getValue());
            }
        }
        List<Comparison.UnitTable> tables = new ArrayList<>();
        byUnit.forEach((unit, rows) -> tables.add(new Comparison.UnitTable(unit, List.copyOf(rows), geomean(rows))));
        return new Comparison(List.copyOf(tables), List.copyOf(onlyInBaseline), List.copyOf(onlyInCandidate), Set.copyOf(ignored));
    }

    private static ComparedPoint compare(Point b, Point c, Set<String> ignored) {
        double delta = (c.value() - b.value()) / b.value() * 100;
        double slowdown = b.higherIsBetter() ? -delta : delta;
        OptionalDouble p = Significance.pValue(b.samples(), c.samples());
        return new ComparedPoint(b.label(ignored), b, c, delta, slowdown, p, Significance.isSignificant(p));
    }

    private static Map<String, Point> byKey(List<Point> points, Set<String> ignored, String run) {
        Map<String, Point> byKey = new LinkedHashMap<>();
        for (Point p : points) {
            Point earlier = byKey.put(p.key(ignored), p);
            if (earlier != null) {
                throw new InputException("--ignore " + String.join(",", ignored) + " leaves two " + run + " points named '"
                        + p.label(ignored) + "': ignore only parameters that differ between the runs, not within one");
            }
        }
        return byKey;
    }

    private static Point inUnit(Point p, String unit) {
        double f = Units.factor(p.unit(), unit).orElseThrow();
        if (f == 1) {
            return p;
        }
        double[] samples = new double[p.samples().length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = p.samples()[i] * f;
        }
        return new Point(p.source(), p.name(), p.mode(), p.threads(), p.params(), p.metric(), unit, p.value() * f,
                p.low() * f, p.high() * f, p.interval(), samples, p.higherIsBetter());
    }

    private static Comparison.Geomean geomean(List<ComparedPoint> rows) {
        double logBase = 0;
        double logCand = 0;
        int n = 0;
        for (ComparedPoint r : rows) {
            if (r.baseline().value() > 0 && r.candidate().value() > 0) {
                logBase += Math.log(r.baseline().value());
                logCand += Math.log(r.candidate().value());
                n++;
            }
        }
        if (n == 0) {
            return new Comparison.Geomean(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double b = Math.exp(logBase / n);
        double c = Math.exp(logCand / n);
        return new Comparison.Geomean(b, c, (c - b) / b * 100, n);
    }
}
