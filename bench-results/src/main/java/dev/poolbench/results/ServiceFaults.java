package dev.poolbench.results;

import java.util.List;

/**
 * load-runs' fault scenarios through the service ({@code service-faults.json}), with and without seed 004's retry
 * ({@code --retry}): a database restart under traffic, and a pool exhausted by more requests than it can serve and
 * then relieved. Request figures are counts of real HTTP requests, each sent at its time whatever the others were
 * doing (users do not wait for each other); {@code calls}, {@code attempts} and {@code recovered} are the service's
 * own counts ({@code /api/health/pool}'s {@code retry}) over the scenario, {@code poolTimeouts} its pool's.
 */
public record ServiceFaults(List<Restart> restarts, List<Exhaustion> exhaustions) {

    public static final ResultFormat<ServiceFaults> FORMAT =
            new ResultFormat<>("poolbench-service-faults/1", "service-faults.json", ServiceFaults.class);

    /** This file's scenarios on one stack ({@code java} or {@code reference}). */
    public ServiceFaults of(String stack) {
        return new ServiceFaults(restarts.stream().filter(r -> r.stack().equals(stack)).toList(),
                exhaustions.stream().filter(e -> e.stack().equals(stack)).toList());
    }

    /** Latency of a set of requests, in milliseconds; all zero when there were none. */
    public record Latency(long p50, long p95, long p99, long max) {
    }

    /**
     * The database went away for {@code outageMs} (every connection cut, new ones refused) while requests kept
     * coming at {@code requestsPerSecond}, and came back.
     *
     * @param retry               {@code off} or the policy, as {@code --retry} writes it ({@code 3x2s})
     * @param during              requests in flight at some moment of the outage (started before the return, ended
     *                            after it went away)
     * @param failedDuring        of those, the ones answered with an error
     * @param latencyDuring       of those, how long each took to be answered, error or not
     * @param afterReturn         requests that started once the database was back
     * @param failedAfterReturn   of those, the ones answered with an error (dead connections handed out)
     * @param recovered           calls the service counted as succeeding on a second or later try
     * @param firstSuccessMs      from the return to the first success of a request that started during the outage or
     *                            after; null if none
     * @param lastFailureMs       from the return to the end of the last failed request; null if none failed after it
     * @param sampleErrors        the most frequent distinct answers other than 200, at most three, counted
     */
    public record Restart(String stack, String configuration, String retry, String label, long outageMs,
                          double requestsPerSecond, long requests, long failed, long during, long failedDuring,
                          Latency latencyDuring, long afterReturn, long failedAfterReturn, long calls, long attempts,
                          long recovered, Long firstSuccessMs, Long lastFailureMs, List<String> sampleErrors) {
    }

    /**
     * More requests than the pool can serve ({@code overloadPerSecond} for {@code overloadMs}), then a light load
     * ({@code afterPerSecond} for {@code afterMs}).
     *
     * @param succeeded          requests of the overload answered 200
     * @param latency            the overload's requests, error or not
     * @param attemptsPerRequest the service's tries per database call over the whole scenario
     * @param poolTimeouts       borrowers that waited poolTimeout in vain, counted by the pool
     * @param timedOut           requests answered 503 (the pool's timeout reached the caller)
     * @param recoverMs          from the load's drop to the start of the first request after which every request was
     *                           answered 200 within the pool timeout (a newcomer served normally again); 0 when none
     *                           after the drop fared worse, null when the last one still did
     * @param sampleErrors       the most frequent distinct answers other than 200, at most three, counted
     */
    public record Exhaustion(String stack, String configuration, String retry, String label, int capacity,
                             long poolTimeoutMs, double overloadPerSecond, long overloadMs, double afterPerSecond,
                             long afterMs, long requests, long succeeded, double successRate, Latency latency,
                             long calls, long attempts, double attemptsPerRequest, long poolTimeouts, long timedOut,
                             long requestsAfter, long failedAfter, Long recoverMs, List<String> sampleErrors) {
    }
}
