package dev.poolbench.load.service;

import dev.poolbench.core.config.Settings;

/** Where the service runs its database calls: the seed 001 argument ("sync functions in async endpoints") as a flag. */
public enum Execution {
    /**
     * JDBC called directly on the one event loop: the seed's FastAPI mistake, reproduced faithfully.
     * Every request waits for the one before it, however many connections the pool has.
     */
    EVENT_LOOP,
    /** JDBC on Vert.x's worker pool ({@code --worker-threads}, 20 by default): the usual fix. */
    WORKER,
    /** JDBC on a virtual thread per call (JDK 21+). */
    VIRTUAL,
    /** The non-blocking vertx-pg-client with its own pool: the seed's asyncpg recommendation. */
    REACTIVE;

    public String spelling() {
        return Settings.spelling(this);
    }
}
