package dev.poolbench.core.pool;

/**
 * One snapshot of a pool, the same fields for every strategy.
 *
 * @param active             connections lent out right now
 * @param idle               connections open and waiting in the pool
 * @param waiting            borrowers blocked waiting for a connection
 * @param opened             physical connections opened since the pool started
 * @param timeouts           borrowers that gave up after poolTimeout
 * @param validationFailures connections found dead by a validity check (pre-ping) and replaced
 * @param leaks              connections held longer than leakThreshold (0 when leak detection is off)
 */
public record PoolStats(int active, int idle, int waiting, long opened, long timeouts, long validationFailures,
                        long leaks) {

    /** Connections this pool holds open on the server right now. */
    public int open() {
        return active + idle;
    }
}
