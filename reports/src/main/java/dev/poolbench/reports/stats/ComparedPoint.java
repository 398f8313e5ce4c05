package dev.poolbench.reports.stats;

import dev.poolbench.reports.model.Point;

import java.util.OptionalDouble;

/**
 * One point both runs measured. {@code candidate} is in the baseline's unit. {@code slowdownPct} is
 * how much worse the candidate is (positive: slower or less throughput), whatever the direction of
 * the metric; {@code deltaPct} is the plain change of the value.
 */
public record ComparedPoint(String label, Point baseline, Point candidate, double deltaPct, double slowdownPct,
                            OptionalDouble pValue, boolean significant) {

    public boolean isSignificantSlowdown(double thresholdPct) {
        return significant && slowdownPct > thresholdPct;
    }
}
