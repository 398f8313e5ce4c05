package dev.poolbench.load.service.store;

/**
 * No connection within poolTimeout, whichever pool: the service answers it with 503 and the pool's message,
 * always {@link dev.poolbench.core.pool.PoolExhaustedException#message}'s wording, SQLAlchemy's
 * ("QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00").
 */
public final class PoolTimeout extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoolTimeout(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
