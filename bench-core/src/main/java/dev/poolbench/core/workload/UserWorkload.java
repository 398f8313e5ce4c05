package dev.poolbench.core.workload;

import dev.poolbench.core.config.SettingsException;
import org.postgresql.util.PSQLException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * The user's own statements, from a workload file ({@code docs/workload-file.md}), run instead of the TODO mix against
 * their database (issue 13, part 4). Each call picks a statement by weight, draws its parameters, and runs it on one
 * borrowed connection, in a read-only transaction unless writes were allowed: pointing poolbench at a production
 * database must not change it by accident.
 */
public final class UserWorkload implements Workload {

    /** The flag that allows writing statements, as the refusal names it. */
    public static final String ALLOW_WRITES = "--allow-writes";

    /** read_only_sql_transaction: the server refused to write because the transaction is read-only. */
    static final String READ_ONLY_TRANSACTION = "25006";

    /** Where prepare's parameters come from: fixed, so trying the file twice tries the same values. */
    private static final long PREPARE_SEED = 13;

    private final Path file;
    private final String name;
    private final List<UserStatement> statements;
    private final boolean allowWrites;
    /** cumulative[i]: the weights of statements 0..i, summed; a call's draw below cumulative[i] picks i or earlier. */
    private final long[] cumulative;
    private volatile List<PrepareFailure> preparedFailures = List.of();

    private UserWorkload(Path file, String name, List<UserStatement> statements, boolean allowWrites) {
        this.file = file;
        this.name = name;
        this.statements = List.copyOf(statements);
        this.allowWrites = allowWrites;
        this.cumulative = new long[statements.size()];
        long sum = 0;
        for (int i = 0; i < statements.size(); i++) {
            sum += statements.get(i).weight();
            cumulative[i] = sum;
        }
    }

    /**
     * Reads and validates {@code file}; no database work.
     *
     * @param allowWrites run the statements in autocommit, writes and all, rather than in read-only transactions
     * @throws SettingsException with one line naming the file, statement, field and bad value, and what is accepted
     */
    public static UserWorkload load(Path file, boolean allowWrites) {
        WorkloadFile.Contents contents = WorkloadFile.read(file);
        return new UserWorkload(file, contents.name(), contents.statements(), allowWrites);
    }

    /** The file's {@code name}, or its file name without the extension. */
    @Override
    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public List<UserStatement> statements() {
        return statements;
    }

    public boolean allowsWrites() {
        return allowWrites;
    }

    /**
     * Tries each statement once, in a transaction rolled back at once (read-only unless writes are allowed; note that
     * sequences still advance). A statement refused for another reason does not stop the run: it is kept in
     * {@link #preparedFailures()} for the report.
     *
     * @throws SettingsException when writes are not allowed and a statement writes: one line naming it, the server's
     *                           refusal, and {@value #ALLOW_WRITES}
     * @throws SQLException      when the pool or the connection failed
     */
    @Override
    public void prepare(DataSource dataSource) throws SQLException {
        List<PrepareFailure> failures = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(PREPARE_SEED);
        try (Connection connection = dataSource.getConnection()) {
            for (UserStatement statement : statements) {
                try {
                    inTransaction(connection, !allowWrites, false, () -> statement.run(connection, random));
                } catch (SQLException e) {
                    if (!refusedByServer(e)) {
                        throw e;
                    }
                    if (!allowWrites && READ_ONLY_TRANSACTION.equals(e.getSQLState())) {
                        throw new SettingsException(WorkloadFile.where(file, "statement \"" + statement.name() + "\"")
                                + ": it writes (server: " + e.getMessage() + "); pass " + ALLOW_WRITES
                                + " to run writing statements against this database");
                    }
                    failures.add(new PrepareFailure(statement.name(), statement.sql(), e.getMessage()));
                }
            }
        }
        preparedFailures = List.copyOf(failures);
    }

    /** The statements the server refused when {@link #prepare} tried them, in the file's order; empty before it. */
    public List<PrepareFailure> preparedFailures() {
        return preparedFailures;
    }

    @Override
    public void call(DataSource dataSource, SplittableRandom random) throws SQLException {
        execute(dataSource, random);
    }

    /** One call, as {@link #call} makes it. */
    public record Executed(UserStatement statement, long rows) {
    }

    /**
     * One call, telling which statement ran and the rows it read (or changed): picks a statement by weight, borrows
     * one connection, binds freshly drawn parameters, executes, reads every row, and gives the connection back with
     * autocommit and read-only as it came.
     *
     * @throws StatementFailure when the server refused the statement: its text and the server's error
     * @throws SQLException     when the pool or the connection failed
     */
    public Executed execute(DataSource dataSource, SplittableRandom random) throws SQLException {
        UserStatement statement = pick(random);
        try (Connection connection = dataSource.getConnection()) {
            long rows;
            try {
                rows = allowWrites
                        ? statement.run(connection, random)
                        : inTransaction(connection, true, true, () -> statement.run(connection, random));
            } catch (SQLException e) {
                throw refusedByServer(e) ? new StatementFailure(statement.sql(), e) : e;
            }
            return new Executed(statement, rows);
        }
    }

    UserStatement pick(SplittableRandom random) {
        long draw = random.nextLong(cumulative[cumulative.length - 1]);
        int found = Arrays.binarySearch(cumulative, draw);
        return statements.get(found >= 0 ? found + 1 : -found - 1);
    }

    private interface Work {
        long run() throws SQLException;
    }

    /**
     * {@code work} in a transaction of its own, committed or rolled back, with autocommit and read-only put back as
     * they were: not every pool strategy resets them when the connection comes back. With read-only set before
     * autocommit is turned off, pgjdbc sends {@code BEGIN READ ONLY} with the statement: no extra round trip.
     */
    private static long inTransaction(Connection connection, boolean readOnly, boolean commit, Work work)
            throws SQLException {
        boolean wasAutoCommit = connection.getAutoCommit();
        boolean wasReadOnly = connection.isReadOnly();
        connection.setReadOnly(readOnly);
        connection.setAutoCommit(false);
        long rows;
        try {
            rows = work.run();
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            // the statement's error is the one to report; a connection the server ended fails these too
            try {
                connection.rollback();
                restore(connection, wasAutoCommit, wasReadOnly);
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        restore(connection, wasAutoCommit, wasReadOnly);
        return rows;
    }

    private static void restore(Connection connection, boolean autoCommit, boolean readOnly) throws SQLException {
        connection.setAutoCommit(autoCommit);
        connection.setReadOnly(readOnly);
    }

    /**
     * Whether the server answered the statement with an error (rather than the connection or the pool failing): a
     * server error of any class but connection exception (08) and operator intervention (57P, the server shutting
     * the session down).
     */
    static boolean refusedByServer(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException server && server.getServerErrorMessage() != null) {
                String state = String.valueOf(server.getSQLState());
                return !state.startsWith("08") && !state.startsWith("57P");
            }
        }
        return false;
    }
}
