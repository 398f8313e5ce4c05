package dev.poolbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One simulation run against one service configuration, as load-runs summarises it: the service, the load,
 * requests, OK/KO, throughput, todo operations, latency percentiles overall and per request name, Gatling's
 * errors, the pool over the run, the read cache and the pool samples. The file is {@code <Simulation>.json},
 * or {@code claims/<name>.json} in the claims run.
 *
 * <p>Fields added within version 1 ({@code stack}, {@code durationMs}, {@code operations},
 * {@code operationsPerSecond}, {@code service.jit}, {@code service.transactions}, {@code pool},
 * {@code roundTrips}) are null in a file written before them, and stay out of it when it is written again;
 * {@code cache} is there only when the service has a read cache.
 *
 * @param stack        which service ran: {@value #JAVA} (the Vert.x service) or {@value #REFERENCE} (FastAPI +
 *                     SQLAlchemy, the seeds' own stack)
 * @param load         the simulation's knobs in effect, by name, and facts about the load that are not knobs
 *                     ({@code level}, {@code differsFromSeed}, {@code warmUpRequests}); they differ per simulation
 * @param durationMs   the span the throughput is over, first record to last
 * @param operations   the todo operations the answered requests carried (a bulk create carries many)
 * @param gatlingReport Gatling's index.html, relative to this file's folder
 */
public record LoadSummary(String simulation, String configuration,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String stack, Service service, Map<String, Object> load,
                          String startedAt, String endedAt, @JsonInclude(JsonInclude.Include.NON_NULL) Long durationMs,
                          Requests requests, double successRate, double throughputRps,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long operations,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double operationsPerSecond,
                          Latency latencyMs, List<RequestFigures> byRequest, List<ErrorCount> errors,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Pool pool,
                          @JsonInclude(JsonInclude.Include.NON_NULL) RoundTrips roundTrips,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Cache cache,
                          List<PoolSample> poolSamples, String gatlingReport) {

    public static final ResultFormat<LoadSummary> FORMAT = new ResultFormat<>("poolbench-load-result/1", null, LoadSummary.class);

    /** The Java service ({@code stack}). */
    public static final String JAVA = "java";
    /** The reference stack: FastAPI + SQLAlchemy ({@code stack}). */
    public static final String REFERENCE = "reference";

    /** A summary without the fields of issue 17 ({@code stack}, {@code roundTrips}), as written before them. */
    public LoadSummary(String simulation, String configuration, Service service, Map<String, Object> load,
                       String startedAt, String endedAt, Long durationMs, Requests requests, double successRate,
                       double throughputRps, Long operations, Double operationsPerSecond, Latency latencyMs,
                       List<RequestFigures> byRequest, List<ErrorCount> errors, Pool pool, Cache cache,
                       List<PoolSample> poolSamples, String gatlingReport) {
        this(simulation, configuration, null, service, load, startedAt, endedAt, durationMs, requests, successRate,
                throughputRps, operations, operationsPerSecond, latencyMs, byRequest, errors, pool, null, cache,
                poolSamples, gatlingReport);
    }

    /** The same summary with its Gatling report named from another folder (the summary has moved). */
    public LoadSummary withGatlingReport(String report) {
        return new LoadSummary(simulation, configuration, stack, service, load, startedAt, endedAt, durationMs, requests,
                successRate, throughputRps, operations, operationsPerSecond, latencyMs, byRequest, errors, pool,
                roundTrips, cache, poolSamples, report);
    }

    /** The service configuration, as the service describes itself. */
    public record Service(String pool, int poolSize, int maxOverflow, long poolTimeoutMs, long recycleMs, boolean prePing,
                          String indexes, long cacheTtlMs, @JsonInclude(JsonInclude.Include.NON_NULL) String jit,
                          String execution, @JsonInclude(JsonInclude.Include.NON_NULL) String transactions,
                          String label) {

        /** A service described before {@code transactions} was reported. */
        public Service(String pool, int poolSize, int maxOverflow, long poolTimeoutMs, long recycleMs, boolean prePing,
                       String indexes, long cacheTtlMs, String jit, String execution, String label) {
            this(pool, poolSize, maxOverflow, poolTimeoutMs, recycleMs, prePing, indexes, cacheTtlMs, jit, execution, null,
                    label);
        }
    }

    /**
     * The service's conversation with the database during the run, counted at the latency proxy load-runs puts
     * between them (bench-core's LatencyProxy): request/response exchanges, each a round trip the service waited
     * for, whatever the driver's protocol.
     *
     * @param rttMs              the round trip the proxy added (0: none, counting only)
     * @param exchanges          round trips during the run, less the health probe's
     * @param perRequest         exchanges / requests (all of them, OK and KO); null without requests
     * @param connectionsOpened  TCP connections the proxy saw opened during the run: one a physical connection,
     *                           except the Java service's reactive session style, whose SslMode.PREFER asks for TLS
     *                           on one (as asyncpg does) and, refused, opens the physical connection on a second
     * @param probeExchanges     the service's own health probe's round trips in that time ({@code pg_stat_activity}
     *                           once per pool sample), measured before the run and left out of {@code exchanges}
     */
    public record RoundTrips(long rttMs, long exchanges, Double perRequest, long connectionsOpened, long probeExchanges) {
    }

    public record Requests(long total, long ok, long ko) {
    }

    /**
     * Response times of all responses, OK and KO, in milliseconds: min and max as Gatling's report has them, the
     * mean to the hundredth, the percentiles exact (nearest rank). Empty (every field null) when there were none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Latency(Integer min, Double mean, Integer p50, Integer p75, Integer p95, Integer p99, Integer max) {
    }

    /** One request name's figures. */
    public record RequestFigures(String name, Requests requests, double throughputRps,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Long operations,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Double operationsPerSecond,
                                 Latency latencyMs) {
    }

    /** A distinct failure Gatling reported, and how often. */
    public record ErrorCount(String message, long count) {
    }

    /**
     * The pool over the run.
     *
     * @param capacity             as the service reports it; 0 when the pool has no limit of its own ({@code none})
     * @param peakActive           the most connections lent out at once: the service's own high-water mark
     * @param peakUsage            peakActive / capacity; null without a capacity
     * @param meanActive           the mean of {@code active} over the samples between start and end; null without any
     * @param peakWaiting          the highest among the samples
     * @param peakServerConnections the server's count of the service's backends, the highest among the samples
     * @param timeouts             pool timeouts during the run (the service's counter after minus before)
     * @param samples              how many pool samples there are
     */
    public record Pool(String name, int capacity, int peakActive, Double peakUsage, Double meanActive, int peakWaiting,
                       int peakServerConnections, long timeouts, int samples) {
    }

    /** The read cache's lookups during the run; {@code hitRate} is null without lookups. */
    public record Cache(long hits, long misses, Double hitRate) {
    }

    /** The service's pool and the server's view of its connections, once a second while the run went on. */
    public record PoolSample(String at, int active, int idle, int waiting, long opened, long timeouts, int serverActive,
                             int serverIdle, int serverTotal) {
    }
}
