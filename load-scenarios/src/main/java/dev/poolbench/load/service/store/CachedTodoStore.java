package dev.poolbench.load.service.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seed 004's read cache ({@code @cache_paint_result(timeout=300)}) in front of {@code GET /api/todo/{id}},
 * on Caffeine, with what the seed's dict lacked: a size bound and invalidation on write. Seed 004 claims a
 * "cache hit rate &gt; 70%"; {@link #stats()} and {@code /metrics} give the real one.
 *
 * <p>It never serves a todo older than the last write to it that has completed: an update or delete
 * invalidates the entry before it starts and again when it ends, and a read that was already in flight
 * when any write started does not fill the cache with what it read (a write sequence guards it).
 */
final class CachedTodoStore implements TodoStore {

    /** Entries kept at most; a todo is a few hundred bytes. */
    static final long MAXIMUM_SIZE = 100_000;

    private final TodoStore store;
    private final Cache<Long, Todo> cache;
    private final AtomicLong writes = new AtomicLong();

    CachedTodoStore(TodoStore store, Duration ttl, MeterRegistry registry) {
        this.store = store;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAXIMUM_SIZE)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "todos");
    }

    @Override
    public Future<Optional<Todo>> find(long id) {
        Todo cached = cache.getIfPresent(id);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        long writesBefore = writes.get();
        return store.find(id).andThen(found -> {
            if (found.succeeded() && found.result().isPresent() && writes.get() == writesBefore) {
                cache.put(id, found.result().get());
            }
        });
    }

    @Override
    public Future<Optional<Todo>> update(long id, TodoChanges changes) {
        if (changes.isEmpty()) {
            return find(id);
        }
        beginWrite(id);
        return store.update(id, changes).andThen(done -> endWrite(id));
    }

    @Override
    public Future<Boolean> delete(long id) {
        beginWrite(id);
        return store.delete(id).andThen(done -> endWrite(id));
    }

    @Override
    public Future<Todo> create(NewTodo todo) {
        return store.create(todo);
    }

    @Override
    public Future<List<Todo>> createAll(List<NewTodo> todos) {
        return store.createAll(todos);
    }

    @Override
    public Future<List<Todo>> list(TodoFilter filter) {
        return store.list(filter);
    }

    @Override
    public PoolStats poolStats() {
        return store.poolStats();
    }

    @Override
    public Future<Void> close() {
        cache.invalidateAll();
        return store.close();
    }

    /** Hits, misses and the hit rate so far. */
    CacheStats stats() {
        return cache.stats();
    }

    long size() {
        return cache.estimatedSize();
    }

    private void beginWrite(long id) {
        writes.incrementAndGet();
        cache.invalidate(id);
    }

    private void endWrite(long id) {
        writes.incrementAndGet();
        cache.invalidate(id);
    }
}
