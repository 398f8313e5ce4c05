package dev.poolbench.core.todo;

import dev.poolbench.core.config.Settings;

/**
 * The four ways to write many rows, each in one transaction. Seed 001 claims "10-50x improvement for
 * bulk operations" over one INSERT per row; the Insert benchmark measures each way.
 */
public enum InsertMode {
    /** One INSERT statement per row, all in one transaction: the seed's "individual inserts". */
    SINGLE,
    /** One prepared INSERT, a JDBC batch of all rows (rewritten to multi-row INSERTs with reWriteBatchedInserts). */
    BATCH,
    /** One INSERT ... VALUES (...), (...), ... per chunk of rows: the seed's bulk endpoint. */
    MULTIROW,
    /** COPY ... FROM STDIN: PostgreSQL's bulk-load protocol. */
    COPY;

    public static InsertMode parse(String name, String value) {
        return Settings.parseChoice(name, value, InsertMode.class);
    }

    public String spelling() {
        return Settings.spelling(this);
    }
}
