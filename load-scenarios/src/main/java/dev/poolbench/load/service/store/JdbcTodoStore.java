package dev.poolbench.load.service.store;

import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolExhaustedException;
import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoFilter;
import dev.poolbench.core.todo.TodoRepository;
import dev.poolbench.core.todo.Transactions;
import io.vertx.core.Future;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * bench-core's {@link TodoRepository} over one of its pools, each call run the way {@link Blocking} says, its
 * statements wrapped as {@link Transactions} says, tried again as {@link Retrying} says (seed 004's retry).
 */
final class JdbcTodoStore implements TodoStore {

    private final ConnectionPool pool;
    private final LentConnections lent;
    private final TodoRepository repository;
    private final Blocking blocking;
    private final Retrying retrying;

    JdbcTodoStore(ConnectionPool pool, Blocking blocking, Transactions transactions, Retrying retrying) {
        this.pool = pool;
        this.lent = new LentConnections(pool.dataSource());
        this.repository = new TodoRepository(lent, transactions);
        this.blocking = blocking;
        this.retrying = retrying;
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
    public Future<Session> session() {
        return run(() -> repository.reading(c -> {
            try (PreparedStatement ps = c.prepareStatement(Session.QUERY); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Session(rs.getInt(1), rs.getString(2), rs.getString(3));
            }
        }));
    }

    @Override
    public PoolStats poolStats() {
        return pool.stats();
    }

    @Override
    public int peakActive() {
        return lent.peak();
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
                return retrying.call(call);
            } catch (PoolExhaustedException e) {
                throw new PoolTimeout(e.getMessage(), e);
            }
        });
    }
}
