package dev.poolbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * bench-pools' fault scenarios ({@code faults.json}): database restarts, network freezes, connection leaks and
 * the lost-writes probe, per pool. Every figure is a count of real calls that a few workers made while the fault
 * happened. {@code lostWrites} is null in files written before the probe existed.
 */
public record Faults(long outageMs, long freezeMs, long poolTimeoutMs, long socketTimeoutMs, List<Outage> outages,
                     List<Freeze> freezes, List<Leak> leaks,
                     @JsonInclude(JsonInclude.Include.NON_NULL) List<LostWrites> lostWrites) {

    public static final ResultFormat<Faults> FORMAT = new ResultFormat<>("poolbench-faults/1", "faults.json", Faults.class);

    /**
     * The database went away and came back: every connection cut, new ones refused for {@code outageMs}.
     *
     * @param when               {@code under-load} (requests kept coming) or {@code while-idle} (the restart
     *                           happened while no request was in flight; requests resumed once it was back)
     * @param errorsAfterReturn  calls that started after the database was back and still failed (stale
     *                           connections handed out)
     * @param firstSuccessMs     from the database's return to the first successful call; null if none
     * @param recovered          a second of traffic without a single failure followed, on its own
     * @param hung               workers still inside a call long after every timeout should have fired
     * @param sampleErrors       the most frequent distinct errors, at most three, counted
     */
    public record Outage(String pool, String when, boolean prePing, long outageMs, long callsBefore, long errorsBefore,
                         long callsDuringOutage, long errorsDuringOutage, long slowestCallDuringOutageMs,
                         long errorsAfterReturn, Long firstSuccessMs, boolean recovered, int hung,
                         List<String> sampleErrors) {
    }

    /**
     * The network stalled for {@code freezeMs}: no packet lost, no connection closed.
     *
     * @param poolTimeouts         calls that ended with the pool's timeout error
     * @param slowestPoolTimeoutMs the longest a borrower waited before getting the pool's timeout error
     * @param slowestCallMs        the longest any call took that started before the thaw
     * @param hung                 workers still inside a call long after every timeout should have fired
     */
    public record Freeze(String pool, long freezeMs, long poolTimeoutMs, long socketTimeoutMs,
                         long callsDuringFreeze, long poolTimeouts, long slowestPoolTimeoutMs, long otherErrors,
                         long slowestCallMs, int hung, Long firstSuccessAfterThawMs, boolean recovered,
                         List<String> sampleErrors) {
    }

    /**
     * Code borrowed a connection and never gave it back.
     *
     * @param culprit         the frame that borrowed the leaked connection, as the pool reported it; null if unreported
     * @param detectedAfterMs from the borrow to the report; null if unreported
     */
    public record Leak(String pool, long thresholdMs, int leaked, int reported, String culprit, Long detectedAfterMs,
                       int activeAfterLeak) {
    }

    /**
     * Concurrent transactions through one pool: {@code writers} callers each insert a row in a transaction and
     * commit or roll back (every other one rolls back) while {@code readers} only read; then the rows are counted.
     *
     * @param lost        committed writes whose row is missing
     * @param wronglyKept rolled-back writes whose row is there
     * @param failed      requests that ended in an error (in neither {@code committed} nor {@code rolledBack})
     */
    public record LostWrites(String pool, int writers, int readers, int requests, long committed, long rolledBack,
                             long lost, long wronglyKept, long failed, List<String> sampleErrors) {
    }
}
