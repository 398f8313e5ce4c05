package dev.poolbench.load.service;

import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.probe.ServerConnectionCounts;
import dev.poolbench.core.probe.ServerConnections;
import dev.poolbench.load.service.store.Retrying;
import dev.poolbench.load.service.store.Stores.OpenStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;

import java.util.function.ToDoubleFunction;

/**
 * {@code GET /api/health/pool}: the pool's own figures, what the server sees of the service's connections
 * ({@code pg_stat_activity}, seed 000's check), the read cache's hits and misses, and seed 004's retry: database calls,
 * tries made for them, calls that succeeded on a later try and calls whose last try failed. The server probe
 * runs on a worker of its own, so watching the pool never takes a thread or connection from the requests.
 */
final class ServiceHealth {

    private final ServiceOptions options;
    private final OpenStore store;
    private final ServerConnections server;
    private final WorkerExecutor probeThread;

    ServiceHealth(ServiceOptions options, OpenStore store, ServerConnections server, WorkerExecutor probeThread) {
        this.options = options;
        this.store = store;
        this.server = server;
        this.probeThread = probeThread;
    }

    /** Registers the pool figures as gauges ({@code poolbench_pool_active} ...), the same for every pool. */
    void register(MeterRegistry registry) {
        gauge(registry, "active", "connections lent out", PoolStats::active);
        gauge(registry, "idle", "connections open and waiting in the pool", PoolStats::idle);
        gauge(registry, "waiting", "requests waiting for a connection", PoolStats::waiting);
        gauge(registry, "opened", "physical connections opened so far", PoolStats::opened);
        gauge(registry, "timeouts", "requests that waited poolTimeout in vain", PoolStats::timeouts);
        gauge(registry, "validation.failures", "connections found dead by pre-ping", PoolStats::validationFailures);
    }

    Future<JsonObject> snapshot() {
        return probeThread.executeBlocking(server::sample, true).map(this::describe);
    }

    private JsonObject describe(ServerConnectionCounts counts) {
        PoolStats pool = store.store().poolStats();
        JsonObject json = new JsonObject()
                .put("configuration", options.configuration())
                .put("service", new JsonObject(options.describe()))
                .put("execution", store.execution())
                .put("pool", new JsonObject()
                        .put("name", options.poolName())
                        .put("capacity", capacity())
                        .put("active", pool.active())
                        .put("peakActive", store.store().peakActive())
                        .put("idle", pool.idle())
                        .put("waiting", pool.waiting())
                        .put("opened", pool.opened())
                        .put("timeouts", pool.timeouts())
                        .put("validationFailures", pool.validationFailures())
                        .put("leaks", pool.leaks()))
                .put("server", new JsonObject()
                        .put("active", counts.active())
                        .put("idle", counts.idle())
                        .put("idleInTransaction", counts.idleInTransaction())
                        .put("total", counts.total()));
        JsonObject cache = new JsonObject().put("enabled", store.cache().isPresent());
        store.cache().ifPresent(figures -> {
            long lookups = figures.hits() + figures.misses();
            cache.put("ttlMs", options.cacheTtl().toMillis())
                    .put("size", figures.size())
                    .put("hits", figures.hits())
                    .put("misses", figures.misses())
                    .put("hitRate", lookups == 0 ? 0.0 : (double) figures.hits() / lookups);
        });
        Retrying retrying = store.retrying();
        json.put("retry", new JsonObject()
                .put("policy", retrying.policy().spelling())
                .put("calls", retrying.calls())
                .put("attempts", retrying.attempts())
                .put("recovered", retrying.recovered())
                .put("exhausted", retrying.exhausted()));
        return json.put("cache", cache);
    }

    /** The most connections the pool opens at once; 0 for {@code none}, which has no limit of its own. */
    int capacity() {
        return options.execution() == Execution.REACTIVE
                ? options.pool().poolSize() + options.pool().maxOverflow() : options.pool().capacity();
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<PoolStats> figure) {
        Gauge.builder("poolbench.pool." + name, store, s -> figure.applyAsDouble(s.store().poolStats()))
                .description(help)
                .tag("pool", options.poolName())
                .register(registry);
    }
}
