package dev.poolbench.load.service.store;

import io.vertx.core.Future;
import io.vertx.core.internal.pool.ConnectionPool;
import io.vertx.core.internal.pool.PoolConnection;
import io.vertx.core.internal.pool.PoolWaiter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.pool.SqlConnectionPool;
import io.vertx.sqlclient.internal.SqlConnectionInternal;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * SQLAlchemy's QueuePool's two rules for idle connections, on a vertx-pg-client pool: the idle connection given back
 * longest ago goes out first (QueuePool's idle connections wait in a FIFO queue; vertx-pg-client hands out the first
 * idle one in its list), and a connection given back while pool_size others are idle and nobody waits is closed
 * (the overflow rule, {@code _do_return_conn}; vertx-pg-client keeps it until its idle timeout). The order
 * decides how a burst's work spreads over the connections, and so how many statements each connection prepares
 * for the first time (a Parse round trip each) and how many borrows are a connection's first (which pre-ping
 * skips): with vertx-pg-client's order, seed 001's phase 3 made 0.4 fewer round trips a request than the reference
 * stack, its follow-ups crowded onto the first connections, and kept the burst's overflow connections open where
 * the reference stack closed them (docs/runs/2026-11-30-pool-order).
 *
 * <p>vertx-pg-client has no public knob for either: the selector is set on the pool inside the {@link Pool} it
 * builds, reached by reflection once at start-up, and a connection over the rule is closed by marking it idle for
 * too long and asking the pool to evict what has been.
 */
final class QueuePoolRules<C> implements BiFunction<PoolWaiter<C>, List<PoolConnection<C>>, PoolConnection<C>> {

    private final SqlConnectionPool pool;
    private final int poolSize;
    private final AtomicLong clock = new AtomicLong();
    /** Each pooled connection's last return, keyed by the pool's own connection; a closed one is forgotten. */
    private final Map<Object, Long> returned = Collections.synchronizedMap(new WeakHashMap<>());

    private QueuePoolRules(SqlConnectionPool pool, int poolSize) {
        this.pool = pool;
        this.poolSize = poolSize;
    }

    /**
     * Sets the rules on {@code pool}, which keeps {@code poolSize} idle connections at most; a vertx-pg-client whose
     * insides differ fails here, at start-up.
     */
    static QueuePoolRules<Object> install(Pool pool, int poolSize) {
        SqlConnectionPool connections = (SqlConnectionPool) inner(pool, SqlConnectionPool.class);
        QueuePoolRules<Object> rules = new QueuePoolRules<>(connections, poolSize);
        @SuppressWarnings("unchecked")
        ConnectionPool<Object> slots = (ConnectionPool<Object>) inner(connections, ConnectionPool.class);
        slots.connectionSelector(rules);
        return rules;
    }

    /**
     * Gives {@code connection} back to the pool, then closes it if {@code waiting} is 0 and more than pool_size
     * connections are idle (none of them in use: {@code inUse} after this one came back).
     */
    Future<Void> giveBack(SqlConnection connection, int inUse, int waiting) {
        Object pooled = ((SqlConnectionInternal) connection).unwrap();
        returned.put(pooled, clock.incrementAndGet());
        return connection.close().onSuccess(closed -> {
            if (waiting == 0 && pool.size() - inUse > poolSize && pooled instanceof SqlConnectionPool.PooledConnection idle) {
                idle.idleEvictionTimestamp = 0;
                pool.evict();
            }
        });
    }

    @Override
    public PoolConnection<C> apply(PoolWaiter<C> waiter, List<PoolConnection<C>> connections) {
        PoolConnection<C> oldest = null;
        long oldestReturn = Long.MAX_VALUE;
        for (PoolConnection<C> connection : connections) {
            if (connection.available() > 0) {
                // never given back by a borrower: just opened, handed on by the connect handler; first in line
                long at = returned.getOrDefault(connection.get(), 0L);
                if (at < oldestReturn) {
                    oldest = connection;
                    oldestReturn = at;
                }
            }
        }
        return oldest;
    }

    /** CloseablePool -> PoolImpl -> SqlConnectionPool -> ConnectionPool: the first of {@code type} inside {@code outer}. */
    private static Object inner(Object outer, Class<?> type) {
        Object inner = outer;
        for (int depth = 0; depth < 4 && !type.isInstance(inner); depth++) {
            inner = poolField(inner);
        }
        if (!type.isInstance(inner)) {
            throw new IllegalStateException("vertx-pg-client's " + outer.getClass().getName() + " holds no " + type.getSimpleName());
        }
        return inner;
    }

    private static Object poolField(Object owner) {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals("pool") || field.getName().equals("delegate")) {
                    try {
                        field.setAccessible(true);
                        return field.get(owner);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalStateException("cannot reach vertx-pg-client's pool in " + type.getName(), e);
                    }
                }
            }
        }
        throw new IllegalStateException("vertx-pg-client's pool has no field 'pool' or 'delegate' in " + owner.getClass());
    }
}
