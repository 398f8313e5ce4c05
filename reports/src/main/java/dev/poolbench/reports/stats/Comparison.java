package dev.poolbench.reports.stats;

import dev.poolbench.reports.model.Point;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Two runs side by side: one table per unit (each with its geometric mean), and the points only one
 * of the runs measured, listed rather than dropped.
 */
public record Comparison(List<UnitTable> tables, List<Point> onlyInBaseline, List<Point> onlyInCandidate,
                         Set<String> ignoredParams) {

    /** The points of one unit, and the geometric means of both runs over them (benchstat's summary row). */
    public record UnitTable(String unit, List<ComparedPoint> rows, Geomean geomean) {
    }

    /** Geometric means over a table's rows; {@code deltaPct} compares them. Empty rows give NaN. */
    public record Geomean(double baseline, double candidate, double deltaPct, int points) {
    }

    public List<ComparedPoint> rows() {
        return tables.stream().flatMap(t -> t.rows().stream()).collect(Collectors.toList());
    }

    /** Significant slowdowns beyond {@code thresholdPct}: what {@code --fail-on-regression} fails on. */
    public List<ComparedPoint> regressions(double thresholdPct) {
        return rows().stream().filter(r -> r.isSignificantSlowdown(thresholdPct)).collect(Collectors.toList());
    }

    /** Shared points with too few iterations on a side for any difference to be significant. */
    public List<ComparedPoint> undetectable() {
        return rows().stream()
                .filter(r -> !Significance.canDetect(r.baseline().samples().length, r.candidate().samples().length))
                .collect(Collectors.toList());
    }

    public List<ComparedPoint> significant() {
        return rows().stream().filter(ComparedPoint::significant).collect(Collectors.toList());
    }
}
