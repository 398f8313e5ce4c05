package dev.poolbench.load.service.store;

import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.JdbcUrl;
import dev.poolbench.core.db.PhysicalConnections;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.Pools;
import dev.poolbench.load.service.Execution;
import dev.poolbench.load.service.ServiceOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

import java.sql.SQLException;
import java.util.Optional;

/** Builds the store {@link ServiceOptions} describe: pool, execution, and the optional read cache. */
public final class Stores {

    private Stores() {
    }

    /** The store, its cache when {@code --cache-ttl} is set, and its retry's counts ({@code --retry}). */
    public record OpenStore(TodoStore store, Optional<CacheFigures> cache, String execution, Retrying retrying) {
    }

    /** Live figures of the read cache, for the health endpoint. */
    public interface CacheFigures {
        long hits();

        long misses();

        long size();
    }

    public static OpenStore open(ServiceOptions options, Database database, Vertx vertx, MeterRegistry registry)
            throws SQLException {
        TodoStore store;
        String execution;
        Retrying retrying = new Retrying(options.retry());
        if (options.execution() == Execution.REACTIVE) {
            store = reactive(options, database, vertx);
            execution = "reactive (vertx-pg-client)";
        } else {
            Blocking blocking = blocking(options, vertx);
            PhysicalConnections connections = options.jit().applyTo(database.connections(options.applicationName()));
            if (!options.transactions().connectionProperties().isEmpty()) {
                connections = connections.with(options.transactions().connectionProperties());
            }
            ConnectionPool pool = Pools.create(options.pool(), connections,
                    hikari -> hikari.setMetricRegistry(registry));
            store = new JdbcTodoStore(pool, blocking, options.transactions(), retrying);
            execution = blocking.describe();
        }
        if (!options.cached()) {
            return new OpenStore(store, Optional.empty(), execution, retrying);
        }
        CachedTodoStore cached = new CachedTodoStore(store, options.cacheTtl(), registry);
        CacheFigures figures = new CacheFigures() {
            @Override
            public long hits() {
                return cached.stats().hitCount();
            }

            @Override
            public long misses() {
                return cached.stats().missCount();
            }

            @Override
            public long size() {
                return cached.size();
            }
        };
        return new OpenStore(cached, Optional.of(figures), execution, retrying);
    }

    private static Blocking blocking(ServiceOptions options, Vertx vertx) {
        switch (options.execution()) {
            case EVENT_LOOP: return new OnEventLoop();
            case WORKER: return new OnWorkers(vertx, options.workerThreads());
            case VIRTUAL: return new OnVirtualThreads();
            default: throw new IllegalStateException("unreachable: " + options.execution());
        }
    }

    private static TodoStore reactive(ServiceOptions options, Database database, Vertx vertx) {
        JdbcUrl url;
        try {
            url = JdbcUrl.parse(database.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--execution reactive: " + e.getMessage(), e);
        }
        String path = url.database().isEmpty() ? "postgres" : url.database();
        return new ReactiveTodoStore(vertx, options.pool(), url.host(), url.port(),
                path, database.user(), database.password(), options.applicationName(), options.jit(),
                options.transactions());
    }
}
