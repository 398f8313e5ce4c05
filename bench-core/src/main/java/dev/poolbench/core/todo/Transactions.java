package dev.poolbench.core.todo;

import dev.poolbench.core.config.Settings;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * How the data layer wraps each call's statements in transactions, and so how many round trips a call costs
 * (issue 17: the seeds' stack and the Java service disagreed by two round trips a request).
 *
 * <p>{@link #AUTOCOMMIT}: the statement alone, PostgreSQL's implicit transaction; one round trip.
 * {@link #SESSION}: what a SQLAlchemy {@code Session} over psycopg2 sends for the seeds' repository functions
 * ({@code todo_repository.py}; the reference service's {@code repository.py}): {@code BEGIN} on its own (psycopg2
 * opens a transaction before the first statement), the statement, then {@code COMMIT} for a write
 * ({@code session.commit()}) or {@code ROLLBACK} for a read (the pool's reset on return when the session closes);
 * three round trips. A call that fails inside the transaction is rolled back before its connection goes back, as
 * the pool's reset does; a connection that is idle is given back as it is (psycopg2's rollback sends nothing then).
 * On a connection that several sessions use at once (StaticPool) psycopg2's rules show: a session that finds a
 * transaction open sends no BEGIN and joins it, and one whose transaction another session ended sends no COMMIT or
 * ROLLBACK, so its write may be gone (another's ROLLBACK) or kept (another's COMMIT).
 */
public enum Transactions {
    AUTOCOMMIT, SESSION;

    /** Work on one borrowed connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The statements {@link #SESSION} adds, as psycopg2 sends them. */
    public static final String BEGIN = "BEGIN";
    public static final String COMMIT = "COMMIT";
    public static final String ROLLBACK = "ROLLBACK";

    public static Transactions parse(String name, String value) {
        return Settings.parseChoice(name, value, Transactions.class);
    }

    public String spelling() {
        return Settings.spelling(this);
    }

    /**
     * pgjdbc properties that set up each new connection the way psycopg2 does for this style: {@link #SESSION}
     * sends {@code application_name} and {@code extra_float_digits} in the startup packet, as libpq does
     * ({@code assumeMinServerVersion}), instead of pgjdbc's default two {@code SET}s after it; none for
     * {@link #AUTOCOMMIT}, which keeps today's connections.
     */
    public Map<String, String> connectionProperties() {
        return this == SESSION ? Map.of("assumeMinServerVersion", "9.0") : Map.of();
    }

    /** A read ({@code session.execute(select ...)}, then the session closes): {@code work}, rolled back in a session. */
    public <T> T read(Connection connection, Work<T> work) throws SQLException {
        return run(connection, work, ROLLBACK);
    }

    /** A write ({@code session.execute(...)}, {@code session.commit()}): {@code work}, committed in a session. */
    public <T> T write(Connection connection, Work<T> work) throws SQLException {
        return run(connection, work, COMMIT);
    }

    private <T> T run(Connection connection, Work<T> work, String end) throws SQLException {
        if (this == AUTOCOMMIT) {
            return work.run(connection);
        }
        BaseConnection pg = connection.unwrap(BaseConnection.class);
        try (Statement statement = connection.createStatement()) {
            T result;
            try {
                // psycopg2 takes the connection's lock, sends BEGIN if it is not in a transaction already, then the
                // statement (pq_execute_sync, pq_begin_locked): on a connection several sessions share (StaticPool),
                // a session that finds another's transaction open joins it and sends no BEGIN
                synchronized (pg) {
                    if (pg.getTransactionState() == TransactionState.IDLE) {
                        statement.execute(BEGIN);
                    }
                    result = work.run(connection);
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    endIfInTransaction(pg, statement, ROLLBACK);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            endIfInTransaction(pg, statement, end);
            if (end.equals(COMMIT)) {
                // session.close() after session.commit(): the pool's reset on return, a ROLLBACK that psycopg2 sends
                // only when a transaction is open; nothing on a connection of one's own, but on a shared one it
                // ends whatever another session began since the COMMIT
                endIfInTransaction(pg, statement, ROLLBACK);
            }
            return result;
        }
    }

    /**
     * COMMIT or ROLLBACK, sent only when the connection is in a transaction: psycopg2's commit and rollback send
     * nothing on a connection that is not (pq_commit, pq_abort), as when another session sharing it ended it.
     */
    private static void endIfInTransaction(BaseConnection pg, Statement statement, String end) throws SQLException {
        synchronized (pg) {
            if (pg.getTransactionState() != TransactionState.IDLE) {
                statement.execute(end);
            }
        }
    }
}
