package dev.poolbench.load.service.store;

import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolExhaustedException;
import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoFilter;
import dev.poolbench.core.todo.TodoRepository;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** bench-core's {@link TodoRepository} over one of its pools, each call run the way {@link Blocking} says. */
final class JdbcTodoStore implements TodoStore {

    private final ConnectionPool pool;
    private final TodoRepository repository;
    private final Blocking blocking;

    JdbcTodoStore(ConnectionPool pool, Blocking blocking) {
        this.pool = pool;
        this.repository = new TodoRepository(pool.dataSource());
        this.blocking = blocking;
    }

    @Override
    public Future<Todo> create(NewTodo todo) {
        return run(() -> repository.insert(todo));
    }

    @Override
    public Future<List<Todo>> createAll(List<NewTodo> todos) {
        return run(() -> repository.insertAllReturning(todos));
    }

    @Override
    public Future<Optional<Todo>> find(long id) {
        return run(() -> repository.find(id));
    }

    @Override
    public Future<List<Todo>> list(TodoFilter filter) {
        return run(() -> repository.list(filter));
    }

    @Override
    public Future<Optional<Todo>> update(long id, TodoChanges changes) {
        return run(() -> repository.update(id, changes));
    }

    @Override
    public Future<Boolean> delete(long id) {
        return run(() -> repository.delete(id));
    }

    @Override
    public PoolStats poolStats() {
        return pool.stats();
    }

    @Override
    public Future<Void> close() {
        blocking.close();
        pool.close();
        return Future.succeededFuture();
    }

    private <T> Future<T> run(Callable<T> call) {
        return blocking.call(() -> {
            try {
                return call.call();
            } catch (PoolExhaustedException e) {
                throw new PoolTimeout(e.getMessage(), e);
            }
        });
    }
}
