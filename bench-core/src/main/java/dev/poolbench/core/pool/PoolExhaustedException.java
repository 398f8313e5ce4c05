package dev.poolbench.core.pool;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;

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

    /**
     * The one wording of a pool timeout, every pool's: SQLAlchemy 1.4's own (QueuePool._do_get in
     * sqlalchemy/pool/impl.py), "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00",
     * with {@code pool} naming the pool in place of "QueuePool".
     */
    public static String message(String pool, int size, int overflow, Duration timeout) {
        return String.format(Locale.ROOT, "%s limit of size %d overflow %d reached, connection timed out, timeout %.2f",
                pool, size, overflow, timeout.toMillis() / 1000.0);
    }
}
