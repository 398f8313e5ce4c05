package dev.poolbench.load.service.store;

/**
 * No connection within poolTimeout, whichever pool: the service answers it with 503 and this message
 * (bench-core's "queue pool of size 5 with overflow 10 was exhausted after 30000 ms (...)").
 */
public final class PoolTimeout extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoolTimeout(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
