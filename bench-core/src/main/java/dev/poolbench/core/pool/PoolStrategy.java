package dev.poolbench.core.pool;

import dev.poolbench.core.config.Settings;

/** The pool strategies the seed documents argue about. */
public enum PoolStrategy {
    /** A new physical connection per borrow, closed on return: SQLAlchemy's NullPool (seed 000, "Option 1"). */
    NONE,
    /**
     * SQLAlchemy's StaticPool (seed 000, "Option 2"): one physical connection, opened at first use and lent to
     * every borrower at once; their statements take turns and their transactions mix.
     */
    STATIC,
    /**
     * One physical connection, lent to one borrower at a time; the others wait up to poolTimeout. What many
     * people mean by "one connection", and <em>not</em> SQLAlchemy's StaticPool: it is QueuePool with pool_size 1
     * and max_overflow 0.
     */
    SINGLE,
    /** SQLAlchemy's QueuePool, rule for rule: poolSize kept, maxOverflow more on demand (seeds 001-004). */
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
