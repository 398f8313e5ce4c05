package dev.poolbench.load.service.store;

import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoFilter;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * The service's data layer as the HTTP handlers see it: every call answers with a {@link Future}
 * completed on the caller's Vert.x context. Whether the work behind it blocks the event loop, a worker,
 * a virtual thread or nothing at all is the implementation's business ({@code --execution}).
 * A call that found no connection within poolTimeout fails with {@link PoolTimeout}.
 */
public interface TodoStore {

    Future<Todo> create(NewTodo todo);

    /** Seed 001's bulk endpoint: all rows in one transaction, returned as stored. */
    Future<List<Todo>> createAll(List<NewTodo> todos);

    Future<Optional<Todo>> find(long id);

    Future<List<Todo>> list(TodoFilter filter);

    Future<Optional<Todo>> update(long id, TodoChanges changes);

    Future<Boolean> delete(long id);

    /** The pool behind the store, in bench-core's uniform snapshot. */
    PoolStats poolStats();

    /** Closes the pool; requests still running may fail. */
    Future<Void> close();
}
