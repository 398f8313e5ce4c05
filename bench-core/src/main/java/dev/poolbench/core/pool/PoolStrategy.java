package dev.poolbench.core.pool;

import dev.poolbench.core.config.Settings;

/** The pool strategies the seed documents argue about. */
public enum PoolStrategy {
    /** A new physical connection per borrow, closed on return: SQLAlchemy's NullPool (seed 000, "Option 1"). */
    NONE,
    /** Exactly one physical connection, lent to one borrower at a time; the others wait (seed 000, "Option 2"). */
    STATIC,
    /** SQLAlchemy's QueuePool on Apache Commons Pool 2: poolSize kept, maxOverflow more on demand (seeds 001-004). */
    QUEUE,
    /** HikariCP, with the same size, timeout and lifetime settings mapped onto its own knobs. */
    HIKARI;

    /** {@code "queue"} to {@link #QUEUE}; anything else is refused with the accepted spellings. */
    public static PoolStrategy parse(String name, String value) {
        return Settings.parseChoice(name, value, PoolStrategy.class);
    }

    public String spelling() {
        return Settings.spelling(this);
    }
}
