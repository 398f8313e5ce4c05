package dev.poolbench.core.pool;

import dev.poolbench.core.config.Settings;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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
    HIKARI,
    /** Apache Commons DBCP2 (PoolingDataSource over commons-pool2), the settings mapped onto its knobs. */
    DBCP2,
    /** Agroal, Quarkus's pool, the settings mapped onto its knobs. */
    AGROAL,
    /** Vibur DBCP, the settings mapped onto its knobs (it has no maximum lifetime: recycle must stay 0). */
    VIBUR,
    /** Tomcat JDBC, the settings mapped onto its knobs. */
    TOMCAT,
    /** c3p0, the settings mapped onto its knobs (recycle in whole seconds, its unit). */
    C3P0;

    /** The pools that are a library's, each wrapped the same way ({@code LibraryPool}): HikariCP and the other five. */
    public static final Set<PoolStrategy> LIBRARIES = Collections.unmodifiableSet(
            EnumSet.of(HIKARI, DBCP2, AGROAL, VIBUR, TOMCAT, C3P0));

    /** Whether it keeps poolSize connections and opens up to maxOverflow more (every strategy but none, static, single). */
    public boolean sized() {
        return this != NONE && this != STATIC && this != SINGLE;
    }

    /** {@code "queue"} to {@link #QUEUE}; anything else is refused with the accepted spellings. */
    public static PoolStrategy parse(String name, String value) {
        return Settings.parseChoice(name, value, PoolStrategy.class);
    }

    public String spelling() {
        return Settings.spelling(this);
    }
}
