package dev.poolbench.core.workload;

import java.sql.SQLException;

/**
 * A statement of a workload the server refused: its text as the workload declares it and the server's error, so a
 * run can report both and go on with its other statements.
 */
public final class StatementFailure extends SQLException {

    private final String statement;

    public StatementFailure(String statement, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.statement = statement;
    }

    /** The statement's text as the workload declares it. */
    public String statement() {
        return statement;
    }

    /** The server's error, as pgjdbc reports it. */
    public String serverMessage() {
        return getMessage();
    }
}
