package dev.poolbench.core.seeds;

/**
 * The numbers poolbench reads into the seeds' words where the words give none, each with its reason.
 * A seed's own figures ("3-5x", "&lt;2000ms") are in its claim's {@link Promise}, not here.
 */
public final class Thresholds {

    /**
     * "Slight" overhead (seed 000 on NullPool), taken generously: at most twice the pooled time, judged on
     * the ratio's low end.
     */
    public static final double SLIGHT = 2.0;

    /**
     * "No connection overhead" (seed 000 on StaticPool): as fast as a pool when the ratio's low end is within
     * 25% of the pooled time. One caller alone on a single connection pays nothing a pool does not, so any
     * larger gap is a cost of its own.
     */
    public static final double AS_FAST_AS_A_POOL = 1.25;

    /**
     * For a setting that cannot act on the query measured (JIT on a query below jit_above_cost), the least
     * difference that counts: runs of the same query back to back drift by a few percent.
     */
    public static final double PRACTICAL = 1.10;

    private Thresholds() {
    }
}
