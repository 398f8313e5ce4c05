package dev.poolbench.core.seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every claim poolbench judges, in the order a report shows them: its seed, its words, what it promises
 * and where it is measured. bench-pools' claims profile and load-runs' claims plan must produce every
 * source named here (their tests check it); reports judges each claim from these sources only.
 */
public final class ClaimCatalogue {

    /** The claims run's load runs (result names), as load-runs' claims plan names them. */
    public static final String BASELINE = "baseline";
    public static final String PHASE1 = "phase1";
    public static final String PHASE2 = "phase2";
    public static final String PHASE3 = "phase3";
    public static final String NULL_POOL = "seed000-null";
    public static final String STATIC_POOL = "seed000-static";
    public static final String QUEUE_2_1 = "seed000-queue-2+1";
    public static final String QUEUE_10_20 = "seed000-queue-10+20";
    public static final String SEED003 = "seed003";
    public static final String SEED004 = "seed004";
    public static final String SEED004_READ_HEAVY = "seed004-read-heavy";

    /** bench-pools' fault scenarios a claim is measured from: the lost-writes probe ({@code faults.json}). */
    public static final String LOST_WRITES = "lostWrites";

    /**
     * load-runs' fault scenarios through the service ({@code service-faults.json}), with and without seed 004's retry:
     * a database restart under traffic, and an exhausted pool.
     */
    public static final String SERVICE_RESTART = "serviceRestart";
    public static final String SERVICE_EXHAUSTION = "serviceExhaustion";

    /** Seed 001's baseline: "Limits all operations to ~2.28 ops/sec"; the claims run calibrates its round trip to it. */
    public static final double BASELINE_OPERATIONS_PER_SECOND = 2.28;

    private static final String KPIS = "Key Performance Indicators (pool 5+10, timeout 20 s, recycle 300 s, pre-ping,"
            + " 5-minute cache): ";

    public static final List<SeedClaim> ALL = List.of(
            claim("seed001-baseline", Seed.S001, "Connection Pool Size 5 base + 10 overflow = 15 max:"
                            + " Limits all operations to ~2.28 ops/sec", "2.28 ops/sec (queue 5+10, sync calls in async endpoints)",
                    Promise.reproduced(BASELINE_OPERATIONS_PER_SECOND), loads(BASELINE)),
            claim("seed001-phase1", Seed.S001, "Increase Connection Pool Size (pool 20+30, pre-ping, recycle) and add indexes",
                    "Expected Impact: 3-5x performance improvement (from 2.28 to ~7-11 ops/sec)", Promise.factor(3, 5),
                    loads(BASELINE, PHASE1)),
            claim("seed001-phase2", Seed.S001, "Convert to Async Database Operations",
                    "Expected Impact: 10-20x performance improvement (from 2.28 to ~20-45 ops/sec)", Promise.factor(10, 20),
                    loads(BASELINE, PHASE2)),
            claim("seed001-phase3", Seed.S001, "Add Bulk Operations Endpoint (after phases 1 and 2)",
                    "Overall rate: 100-450 ops/sec (50-200x improvement)", Promise.factor(50, 200), loads(BASELINE, PHASE3)),
            claim("seed001-indexes", Seed.S001, "Add Database Indexes (completed, priority, created_at,"
                            + " (completed, priority))", "2-5x improvement for filtered queries", Promise.factor(2, 5), loads(),
                    JmhPoint.of("FilterQuery.list", 1, "indexed=true", "rows=100000", "jit=default"),
                    JmhPoint.of("FilterQuery.list", 1, "indexed=false", "rows=100000", "jit=default"),
                    JmhPoint.of("FilterQuery.list", 1, "indexed=true", "rows=1000000", "jit=default"),
                    JmhPoint.of("FilterQuery.list", 1, "indexed=false", "rows=1000000", "jit=default")),
            claim("seed001-bulk", Seed.S001, "Add Bulk Operations Endpoint (one multi-row INSERT ... RETURNING"
                            + " in one transaction)", "10-50x improvement for bulk operations", Promise.factor(10, 50),
                    loads(PHASE2, PHASE3),
                    JmhPoint.of("Insert.insert", 1, "insertMode=single", "batchSize=200", "rewrite=false"),
                    JmhPoint.of("Insert.insert", 1, "insertMode=multirow", "batchSize=200", "rewrite=false"),
                    JmhPoint.of("Insert.insert", 1, "insertMode=copy", "batchSize=200", "rewrite=false")),
            claim("seed000-nullpool-idle", Seed.S000, "Uses NullPool - each request gets fresh connection."
                    + " Pros: Zero idle connections", "no connection kept idle", Promise.none(), loads(NULL_POOL, QUEUE_10_20)),
            claim("seed000-nullpool-overhead", Seed.S000, "NullPool. Cons: Slight connection overhead per request",
                    "slight (taken as at most 2x a pooled request)", Promise.atMost(Thresholds.SLIGHT),
                    loads(NULL_POOL, QUEUE_10_20),
                    JmhPoint.of("Query.latency", 1, "strategy=none", "jit=default"),
                    JmhPoint.of("Query.latency", 1, "strategy=queue", "jit=default")),
            claim("seed000-staticpool-overhead", Seed.S000, "StaticPool - one connection reused."
                            + " Pros: No connection overhead", "a request as fast as from a pool",
                    Promise.atMost(Thresholds.AS_FAST_AS_A_POOL), loads(),
                    JmhPoint.of("Query.latency", 1, "strategy=static", "jit=default"),
                    JmhPoint.of("Query.latency", 1, "strategy=queue", "jit=default")),
            claim("seed000-staticpool-bottleneck", Seed.S000, "StaticPool. Cons: Single connection bottleneck",
                    "a bottleneck under concurrency", Promise.above(1.0), loads(STATIC_POOL, QUEUE_10_20),
                    JmhPoint.of("Query.latency", 16, "strategy=static"),
                    JmhPoint.of("Query.latency", 16, "strategy=queue")),
            new SeedClaim("seed000-staticpool-balance", Seed.S000, "Option 2: Single Connection Reuse (Good Balance)."
                    + " Uses StaticPool - one connection reused", "requests as correct as with any pool", Promise.none(),
                    loads(), List.of(), List.of(LOST_WRITES)),
            claim("seed003-pool", Seed.S003, "Operation Speed: 2-3x faster with proper pooling"
                    + " (pool 2+1 to 5+10, timeout 30 s, recycle 600 s)", "2-3x", Promise.factor(2, 3), loads(QUEUE_2_1, SEED003)),
            claim("seed004-response", Seed.S004, KPIS + "'query_response_time': '<2000ms'", "p95 < 2000 ms",
                    Promise.below(2000), loads(SEED004)),
            claim("seed004-pool-usage", Seed.S004, KPIS + "'connection_pool_usage': '<80%'", "peak usage < 80%",
                    Promise.below(0.8), loads(SEED004)),
            claim("seed004-cache", Seed.S004, KPIS + "'cache_hit_rate': '>70%'", "hit rate > 70%",
                    Promise.above(0.7), loads(SEED004_READ_HEAVY)),
            new SeedClaim("seed004-errors", Seed.S004, KPIS + "'error_rate': '<1%'", "errors < 1%", Promise.below(0.01),
                    loads(SEED004), List.of(), List.of(SERVICE_RESTART)),
            claim("seed004-connections", Seed.S004, KPIS + "'concurrent_connections': '<15'", "server connections < 15",
                    Promise.below(15), loads(SEED004)),
            new SeedClaim("seed004-timeouts", Seed.S004, "After Optimization: 'Error Rate: Minimal timeouts', with its retry"
                    + " of OperationalError and TimeoutError (handle_database_error: 3 tries, 2 s then 4 s apart)",
                    "few requests time out (taken as under 1% answered with the pool's timeout, its error_rate KPI), the"
                    + " retry on, when the pool is exhausted", Promise.below(0.01), loads(), List.of(),
                    List.of(SERVICE_EXHAUSTION)),
            claim("seed002-jit", Seed.S002, "JIT disabled for better small query performance", "small queries faster with jit off",
                    Promise.above(Thresholds.PRACTICAL), loads(),
                    JmhPoint.of("Query.latency", 1, "strategy=hikari", "jit=on"),
                    JmhPoint.of("Query.latency", 1, "strategy=hikari", "jit=off"),
                    JmhPoint.of("FilterQuery.list", 1, "indexed=false", "rows=1000000", "jit=on"),
                    JmhPoint.of("FilterQuery.list", 1, "indexed=false", "rows=1000000", "jit=off")));

    private ClaimCatalogue() {
    }

    public static SeedClaim claim(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no claim " + id + " in the catalogue"));
    }

    /** Every load run some claim is measured from, in catalogue order, each once. */
    public static List<String> loadRuns() {
        List<String> runs = new ArrayList<>();
        ALL.forEach(c -> c.loadRuns().stream().filter(r -> !runs.contains(r)).forEach(runs::add));
        return runs;
    }

    /** Every benchmark point some claim is measured from, each once. */
    public static List<JmhPoint> jmhPoints() {
        List<JmhPoint> points = new ArrayList<>();
        ALL.forEach(c -> c.jmhPoints().stream().filter(p -> !points.contains(p)).forEach(points::add));
        return points;
    }

    private static List<String> loads(String... runs) {
        return List.of(runs);
    }

    private static SeedClaim claim(String id, Seed seed, String words, String claimed, Promise promise,
                                   List<String> loadRuns, JmhPoint... points) {
        return new SeedClaim(id, seed, words, claimed, promise, loadRuns, List.of(points), List.of());
    }
}
