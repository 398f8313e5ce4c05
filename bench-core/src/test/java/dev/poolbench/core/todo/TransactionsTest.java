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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * Two sessions on StaticPool's one connection, B's whole read inside A's write: B finds A's transaction open and
     * sends no BEGIN, its ROLLBACK ends A's transaction and erases A's insert, and A's COMMIT finds nothing to commit
     * and sends nothing, as psycopg2 does (the reference stack lost follow-up reads to exactly this: 404s).
     */
    @Test
    void sessionsSharingStaticPoolsConnectionJoinAndEndEachOthersTransaction() throws SQLException {
        TestDatabase.emptyTodos();
        try (Database network = TestDatabase.get().throughProxy(Duration.ZERO, false)) {
            LatencyProxy proxy = network.proxy().orElseThrow();
            ConnectionPool pool = Pools.create(PoolSettings.of(PoolStrategy.STATIC), network.connections("pb-test-tx-shared"));
            try (Connection a = pool.dataSource().getConnection(); Connection b = pool.dataSource().getConnection()) {
                long[] bExchanges = new long[1];
                RoundTrips before = proxy.roundTrips();
                long id = Transactions.SESSION.write(a, ca -> {
                    long inserted = insert(ca, "lost to the rollback of B");
                    RoundTrips beforeB = proxy.roundTrips();
                    long seen = Transactions.SESSION.read(b, cb -> count(cb));
                    bExchanges[0] = proxy.roundTrips().since(beforeB).exchanges();
                    assertThat(seen).as("B reads inside A's transaction: A's uncommitted row").isEqualTo(1);
                    return inserted;
                });
                assertThat(bExchanges[0]).as("B: its SELECT and its ROLLBACK, no BEGIN").isEqualTo(2);
                assertThat(proxy.roundTrips().since(before).exchanges())
                        .as("A's BEGIN and INSERT, B's two, and no COMMIT: nothing was open when A committed").isEqualTo(4);
                assertThat(new TodoRepository(pool.dataSource(), Transactions.AUTOCOMMIT).find(id))
                        .as("A's write, answered as committed, is gone").isEmpty();
            } finally {
                pool.close();
            }
        }
    }

    private static long insert(Connection c, String title) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "INSERT INTO " + TodoSchema.TABLE + " (title) VALUES ('" + title + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TodoSchema.TABLE)) {
            rs.next();
            return rs.getLong(1);
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
