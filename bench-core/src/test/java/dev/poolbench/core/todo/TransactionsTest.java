package dev.poolbench.core.todo;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.LatencyProxy;
import dev.poolbench.core.db.RoundTrips;
import dev.poolbench.core.pool.ConnectionPool;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.pool.Pools;
import org.junit.jupiter.api.Test;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repository's two transaction styles, counted at the latency proxy: autocommit is one round trip a call,
 * a SQLAlchemy session three (BEGIN, the statement, COMMIT or ROLLBACK); a session's failed write is rolled back
 * before its connection goes back, so the next borrower finds it idle and the row is not there.
 */
class TransactionsTest {

    @Test
    void aSessionSendsBeginTheStatementAndCommitOrRollback() throws SQLException {
        TestDatabase.emptyTodos();
        try (Database network = TestDatabase.get().throughProxy(Duration.ZERO, false)) {
            LatencyProxy proxy = network.proxy().orElseThrow();
            ConnectionPool pool = Pools.create(PoolSettings.of(PoolStrategy.STATIC), network.connections("pb-test-tx"));
            try {
                TodoRepository autocommit = new TodoRepository(pool.dataSource(), Transactions.AUTOCOMMIT);
                TodoRepository session = new TodoRepository(pool.dataSource(), Transactions.SESSION);
                long id = autocommit.insert(NewTodo.titled("opens the connection")).id();

                assertThat(exchanges(proxy, () -> autocommit.insert(NewTodo.titled("one")))).isEqualTo(1);
                assertThat(exchanges(proxy, () -> autocommit.find(id))).isEqualTo(1);
                assertThat(exchanges(proxy, () -> session.insert(NewTodo.titled("three")))).isEqualTo(3);
                assertThat(exchanges(proxy, () -> session.find(id))).isEqualTo(3);
                assertThat(exchanges(proxy, () -> session.update(id, TodoChanges.none().completed(true)))).isEqualTo(3);
                assertThat(exchanges(proxy, () -> session.delete(id))).isEqualTo(3);

                String tooLong = "x".repeat(300);
                assertThatThrownBy(() -> session.insert(NewTodo.titled(tooLong))).isInstanceOf(SQLException.class);
                try (Connection c = pool.dataSource().getConnection()) {
                    assertThat(c.unwrap(BaseConnection.class).getTransactionState())
                            .as("the failed session's transaction was rolled back before the connection went back")
                            .isEqualTo(TransactionState.IDLE);
                }
                assertThat(session.find(id)).as("deleted in its session, committed").isEmpty();
            } finally {
                pool.close();
            }
        }
    }

    private interface Call {
        Object run() throws SQLException;
    }

    private static long exchanges(LatencyProxy proxy, Call call) throws SQLException {
        RoundTrips before = proxy.roundTrips();
        call.run();
        return proxy.roundTrips().since(before).exchanges();
    }
}
