package dev.poolbench.results;

import java.util.List;

/**
 * A sizing run ({@code sizing.json}, issue 13): pool size x callers x round trip x workload, each point measured in
 * repetitions of a fixed window, and per workload, round trip and callers a verdict (the smallest pool that does as
 * well as the best one), with Little's law, cores x 2 + effective spindles and the fleet's fit beside it.
 *
 * @param database          where the calls went, as {@code Redaction} shows it (no password)
 * @param strategy          the pool strategy under test ({@code queue}), sized poolSize + {@code maxOverflow}
 * @param maxOverflow       the overflow the points ran with and the fleet math adds to each instance's pool
 * @param warmupMs          calls made and dropped before each point's first window
 * @param windowMs          each repetition's measured window
 * @param repetitions       windows per point
 * @param harnessCores      the harness machine's cores ({@code availableProcessors})
 * @param databaseCores     the database server's cores; null when unknown
 * @param databaseCoresFrom how {@code databaseCores} was learned, or why it is unknown
 * @param measuredRttMs     the median of timed {@code SELECT 1}s on one direct connection: the round trip the
 *                          points at {@code rttMs} 0 ran with
 * @param server            the server's connection limits, as it reports them
 * @param instances         the application instances the fleet math is for ({@code --instances})
 * @param complete          false while the run is going (the file is written after every point) or when it was stopped
 */
public record Sizing(String database, String strategy, int maxOverflow, long warmupMs, long windowMs, int repetitions,
                     int harnessCores, Integer databaseCores, String databaseCoresFrom, double measuredRttMs,
                     Server server, int instances, boolean complete, List<Point> points, List<Verdict> verdicts) {

    public static final ResultFormat<Sizing> FORMAT = new ResultFormat<>("poolbench-sizing/1", "sizing.json", Sizing.class);

    /**
     * @param reservedConnections PostgreSQL 16's {@code reserved_connections}; null before 16
     */
    public record Server(String version, int maxConnections, int superuserReservedConnections,
                         Integer reservedConnections) {

        /** Connections an ordinary application role can open: max_connections less both reserves. */
        public int available() {
            return maxConnections - superuserReservedConnections - (reservedConnections == null ? 0 : reservedConnections);
        }
    }

    /** A value with a low and high end: a 95% confidence interval of a mean, or the range of a median. */
    public record Interval(double value, double low, double high) {
    }

    /**
     * One point of the grid.
     *
     * @param rttMs        the round trip added by the latency proxy; 0 is direct
     * @param throughput   calls per second: mean of the repetitions and its 95% t interval
     * @param p50Ms        median of the repetitions' p50, between the lowest and highest
     * @param p99Ms        median of the repetitions' p99, between the lowest and highest
     * @param meanHoldMs   borrow to return, mean over every call of the windows
     */
    public record Point(String workload, long rttMs, int callers, int poolSize, Interval throughput, Interval p50Ms,
                        Interval p99Ms, double meanHoldMs, List<Repetition> byRepetition, List<Failure> failures) {
    }

    /** One measured window of a point. */
    public record Repetition(long calls, double throughput, double p50Ms, double p99Ms, double meanHoldMs, long failed) {
    }

    /** A statement the server refused, with its error, and how often over the point's windows. */
    public record Failure(String statement, String serverMessage, long count) {
    }

    /**
     * The recommendation for one workload, round trip and caller count.
     *
     * @param recommendedPoolSize   the smallest size whose throughput is not significantly below the best size's
     *                              (one-sided Welch t-test at {@code alpha}) and whose p99 is within {@code p99Margin}
     *                              of the best size's
     * @param bestPoolSize          the size with the highest mean throughput
     * @param pValue                the test's p-value for the recommended size against the best (1 when they are the same)
     * @param busyConnections       Little's law at the best size: throughput x mean hold time
     * @param formulaHarness        cores x 2 + 1 with the harness machine's cores
     * @param formulaDatabase       cores x 2 + 1 with the database server's cores; null when unknown
     * @param rejected              each smaller size and why the rule passed it over
     */
    public record Verdict(String workload, long rttMs, int callers, int recommendedPoolSize, int bestPoolSize,
                          double alpha, double p99Margin, double pValue, Interval recommendedThroughput,
                          Interval bestThroughput, Interval recommendedP99Ms, Interval bestP99Ms,
                          double bestMeanHoldMs, double busyConnections, int formulaHarness, Integer formulaDatabase,
                          Fleet fleet, List<String> rejected) {
    }

    /**
     * The fleet of {@code instances} application instances, each with the recommended pool and its overflow.
     *
     * @param perInstance   the recommended size plus the overflow
     * @param available     the server's connections for ordinary roles ({@link Server#available})
     * @param largestFleet  the most instances that fit
     */
    public record Fleet(int instances, int perInstance, int needed, int available, boolean fits, int largestFleet) {
    }
}
