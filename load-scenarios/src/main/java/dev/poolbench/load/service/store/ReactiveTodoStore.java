package dev.poolbench.load.service.store;

import dev.poolbench.core.db.Jit;
import dev.poolbench.core.pool.PoolExhaustedException;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.core.todo.NewTodo;
import dev.poolbench.core.todo.Todo;
import dev.poolbench.core.todo.TodoChanges;
import dev.poolbench.core.todo.TodoFilter;
import dev.poolbench.core.todo.TodoSql;
import dev.poolbench.core.todo.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code --execution reactive}: the seed's asyncpg recommendation (001, "Convert to Async Database
 * Operations") in Java: vertx-pg-client, non-blocking, with its own pool. poolbench's settings map onto it:
 * <table>
 *   <caption>poolbench setting to vertx-pg-client PoolOptions</caption>
 *   <tr><td>poolSize + maxOverflow</td><td>maxSize: the most connections open at once</td></tr>
 *   <tr><td>poolSize</td><td>done here: a connection given back while poolSize are idle and nobody waits is
 *       closed, QueuePool's overflow rule ({@link QueuePoolRules}); vertx-pg-client keeps no minimum, and every
 *       connection idle for 10 s is closed (idleTimeout), overflow or not</td></tr>
 *   <tr><td>poolTimeout</td><td>connectionTimeout: how long a request waits for a connection; then 503</td></tr>
 *   <tr><td>recycle</td><td>maxLifetime (0 = never)</td></tr>
 *   <tr><td>prePing</td><td>done here: a {@code SELECT 1} on each borrowed connection; a failed one is
 *       closed and one more connection is tried, as SQLAlchemy's pool_pre_ping does</td></tr>
 *   <tr><td>-</td><td>maxWaitQueueSize unbounded, like the JDBC pools' waiters</td></tr>
 *   <tr><td>-</td><td>done here: the idle connection given back longest ago goes out first, as from
 *       QueuePool's FIFO queue ({@link QueuePoolRules})</td></tr>
 *   <tr><td>jit</td><td>the startup packet's {@code options} ({@code -c jit=off}), as pgjdbc's {@code options}</td></tr>
 *   <tr><td>transactions</td><td>done here: in a session, {@code BEGIN}, the statement, then {@code COMMIT} or
 *       {@code ROLLBACK}, each a query of its own, as SQLAlchemy's AsyncSession over asyncpg sends them, and
 *       that stack's connection set-up and pre-ping ({@link AsyncpgSession})</td></tr>
 * </table>
 * The SQL is {@code TodoRepository}'s ({@link TodoSql}), with PostgreSQL's {@code $n} parameters.
 */
final class ReactiveTodoStore implements TodoStore {

    /** Like HikariCP's mapping, the shortest idle time after which a connection beyond need is closed. */
    static final int IDLE_TIMEOUT_MS = 10_000;

    private static final String INSERT_RETURNING = TodoSql.INSERT_RETURNING.numbered();
    private static final String FIND = TodoSql.FIND.numbered();
    private static final String DELETE = TodoSql.DELETE.numbered();

    private final Pool pool;
    private final PoolSettings settings;
    private final Transactions transactions;
    /** In session style, what the reference's asyncpg stack adds on each connection; empty in autocommit. */
    private final Optional<AsyncpgSession> asyncpg;
    private final QueuePoolRules<Object> queueRules;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peakActive = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong validationFailures = new AtomicLong();

    ReactiveTodoStore(Vertx vertx, PoolSettings settings, String host, int port, String database, String user,
                      String password, String applicationName, Jit jit, Transactions transactions) {
        this.settings = settings;
        this.transactions = transactions;
        this.asyncpg = transactions == Transactions.SESSION ? Optional.of(new AsyncpgSession()) : Optional.empty();
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(host).setPort(port).setDatabase(database).setUser(user).setPassword(password)
                .addProperty("application_name", applicationName)
                .setCachePreparedStatements(true);
        // sent in the startup packet, as pgjdbc sends its own options property
        jit.startupOptions().ifPresent(options -> connect.addProperty("options", options));
        asyncpg.ifPresent(session -> AsyncpgSession.prefersTls(connect));
        PoolOptions options = new PoolOptions()
                .setMaxSize(settings.poolSize() + settings.maxOverflow())
                .setMaxWaitQueueSize(-1)
                .setConnectionTimeout((int) settings.poolTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(IDLE_TIMEOUT_MS)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxLifetime((int) settings.recycle().toMillis())
                .setMaxLifetimeUnit(TimeUnit.MILLISECONDS);
        this.pool = PgBuilder.pool()
                .with(options)
                .connectingTo(connect)
                .withConnectHandler(connection -> {
                    opened.incrementAndGet();
                    // given to the pool when closed: after the set-up, as SQLAlchemy's connect event
                    asyncpg.map(session -> session.setUp(connection)).orElse(Future.succeededFuture())
                            .onComplete(setUp -> connection.close());
                })
                .using(vertx)
                .build();
        this.queueRules = QueuePoolRules.install(pool, settings.poolSize());
    }

    @Override
    public Future<Todo> create(NewTodo todo) {
        return withConnection(Transactions.COMMIT, c -> c.preparedQuery(INSERT_RETURNING)
                .execute(Tuple.of(todo.title(), todo.description(), todo.priority(), todo.dueDate()))
                .map(rows -> read(rows.iterator().next())));
    }

    @Override
    public Future<List<Todo>> createAll(List<NewTodo> todos) {
        if (todos.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        String sql = TodoSql.insert(todos.size(), true).numbered();
        Tuple values = Tuple.tuple();
        for (NewTodo todo : todos) {
            values.addValue(todo.title()).addValue(todo.description()).addValue(todo.priority()).addValue(todo.dueDate());
        }
        // one statement is one implicit transaction: all rows or none, as TodoRepository.insertAllReturning
        return withConnection(Transactions.COMMIT, c -> c.preparedQuery(sql).execute(values).map(ReactiveTodoStore::readAll));
    }

    @Override
    public Future<Optional<Todo>> find(long id) {
        return withConnection(Transactions.ROLLBACK, c -> c.preparedQuery(FIND).execute(Tuple.of(id)).map(ReactiveTodoStore::first));
    }

    @Override
    public Future<List<Todo>> list(TodoFilter filter) {
        TodoSql sql = TodoSql.list(filter);
        return withConnection(Transactions.ROLLBACK, c -> c.preparedQuery(sql.numbered()).execute(Tuple.from(sql.arguments()))
                .map(ReactiveTodoStore::readAll));
    }

    @Override
    public Future<Optional<Todo>> update(long id, TodoChanges changes) {
        if (changes.isEmpty()) {
            return find(id);
        }
        TodoSql sql = TodoSql.update(id, changes);
        return withConnection(Transactions.COMMIT, c -> c.preparedQuery(sql.numbered()).execute(Tuple.from(sql.arguments()))
                .map(ReactiveTodoStore::first));
    }

    @Override
    public Future<Boolean> delete(long id) {
        return withConnection(Transactions.COMMIT, c -> c.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1));
    }

    @Override
    public Future<Session> session() {
        return withConnection(Transactions.ROLLBACK, c -> c.query(Session.QUERY).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Session(row.getInteger(0), row.getString(1), row.getString(2));
        }));
    }

    @Override
    public PoolStats poolStats() {
        int inUse = active.get();
        return new PoolStats(inUse, Math.max(0, pool.size() - inUse), waiting.get(), opened.get(), timeouts.get(),
                validationFailures.get(), 0);
    }

    @Override
    public int peakActive() {
        return peakActive.get();
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    /**
     * Borrows a connection (counting waiters and borrowers), pre-pings it if asked, runs {@code work} (in a session
     * ending with {@code end}: {@code COMMIT} for a write, {@code ROLLBACK} for a read), gives it back.
     */
    private <T> Future<T> withConnection(String end, Function<SqlConnection, Future<T>> work) {
        return borrow(settings.prePing() ? 2 : 1).compose(connection -> {
            peakActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            return inTransaction(connection, end, work).andThen(done -> {
                queueRules.giveBack(connection, active.decrementAndGet(), waiting.get());
            });
        });
    }

    /** {@code work} alone in autocommit; in a session BEGIN, {@code work}, {@code end}, or ROLLBACK if it failed. */
    private <T> Future<T> inTransaction(SqlConnection connection, String end, Function<SqlConnection, Future<T>> work) {
        if (transactions == Transactions.AUTOCOMMIT) {
            return work.apply(connection);
        }
        return connection.query(Transactions.BEGIN).execute().compose(begun -> work.apply(connection).compose(
                result -> connection.query(end).execute().map(result),
                failure -> connection.query(Transactions.ROLLBACK).execute()
                        .transform(rolledBack -> Future.<T>failedFuture(failure))));
    }

    private Future<SqlConnection> borrow(int attempts) {
        waiting.incrementAndGet();
        Future<SqlConnection> borrowed = pool.getConnection().transform(ar -> {
            waiting.decrementAndGet();
            if (ar.succeeded()) {
                return Future.succeededFuture(ar.result());
            }
            if ("Timeout".equals(ar.cause().getMessage())) {
                timeouts.incrementAndGet();
                return Future.failedFuture(new PoolTimeout(PoolExhaustedException.message("vertx-pg",
                        settings.poolSize(), settings.maxOverflow(), settings.poolTimeout()), ar.cause()));
            }
            return Future.failedFuture(ar.cause());
        });
        if (!settings.prePing()) {
            return borrowed;
        }
        return borrowed.compose(connection -> ping(connection).transform(ping -> {
            if (ping.succeeded()) {
                return Future.succeededFuture(connection);
            }
            validationFailures.incrementAndGet();
            connection.close();
            return attempts > 1 ? borrow(attempts - 1) : Future.failedFuture(ping.cause());
        }));
    }

    private Future<?> ping(SqlConnection connection) {
        return asyncpg.isPresent() ? asyncpg.get().ping(connection) : connection.query("SELECT 1").execute();
    }

    private static Optional<Todo> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next()));
    }

    private static List<Todo> readAll(RowSet<Row> rows) {
        List<Todo> todos = new ArrayList<>(rows.size());
        for (Row row : rows) {
            todos.add(read(row));
        }
        return todos;
    }

    private static Todo read(Row row) {
        return new Todo(row.getLong("id"), row.getString("title"), row.getString("description"),
                row.getInteger("priority"), row.getLocalDate("due_date"), row.getBoolean("completed"),
                row.getOffsetDateTime("created_at"));
    }
}
