package dev.poolbench.core.workload;

/**
 * A statement of a workload file the server refused when {@link UserWorkload#prepare} tried it once: the run goes on
 * (its calls fail the same way, each a {@link StatementFailure}) and reports it.
 *
 * @param statement     the statement's name in the file
 * @param sql           its text
 * @param serverMessage the server's error, as pgjdbc reports it
 */
public record PrepareFailure(String statement, String sql, String serverMessage) {
}
