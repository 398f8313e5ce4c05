package dev.poolbench.core.pool;

import java.sql.SQLTransientConnectionException;

/**
 * No connection could be had within poolTimeout. Transient: the same call may succeed once load
 * drops, which is why the service answers it with 503, not 500.
 */
public final class PoolExhaustedException extends SQLTransientConnectionException {

    private static final long serialVersionUID = 1L;

    /** SQLSTATE class 08 (connection exception): "sqlclient unable to establish sqlconnection". */
    static final String SQL_STATE = "08001";

    PoolExhaustedException(String message, Throwable cause) {
        super(message, SQL_STATE, cause);
    }
}
