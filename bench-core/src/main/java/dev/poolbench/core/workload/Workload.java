package dev.poolbench.core.workload;

import java.sql.SQLException;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * What one caller of a sizing run does, call after call: a mix of the TODO workload, or the user's own
 * statements from a workload file (issue 13). A call borrows one connection from the pool under test, runs its
 * statements and gives the connection back, as a request handler does.
 */
public interface Workload {

    /** As the report names it: {@code todo-read-heavy}, {@code todo-write-heavy}, or the workload file's name. */
    String name();

    /** Sets up what the calls need (the TODO table and its rows in the harness's schema); the user's statements need nothing. */
    void prepare(DataSource dataSource) throws SQLException;

    /**
     * One call through {@code dataSource}: borrow, statements, return.
     *
     * @throws StatementFailure when the server refused one of the statements; the run reports it and goes on
     * @throws SQLException     when the pool or the connection failed
     */
    void call(DataSource dataSource, SplittableRandom random) throws SQLException;
}
