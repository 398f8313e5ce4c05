package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;

import java.util.Optional;

/**
 * What sits between the application's pool and PostgreSQL (issue 14): nothing, or {@link PgBouncer} in one of its
 * modes. Every app-side strategy combines with every pooler: "queue + pgbouncer-transaction" is SQLAlchemy's
 * QueuePool behind PgBouncer in transaction mode.
 */
public enum Pooler {
    /** The application's connections go straight to the server. */
    NONE,
    /** PgBouncer with {@code pool_mode = session}. */
    PGBOUNCER_SESSION,
    /** PgBouncer with {@code pool_mode = transaction}; pgjdbc then runs with {@code prepareThreshold=0}. */
    PGBOUNCER_TRANSACTION;

    /** {@code "pgbouncer-transaction"} to {@link #PGBOUNCER_TRANSACTION}; anything else is refused with the accepted spellings. */
    public static Pooler parse(String name, String value) {
        return Settings.parseChoice(name, value, Pooler.class);
    }

    /** PgBouncer's mode, or empty for {@link #NONE}. */
    public Optional<PgBouncer.Mode> pgbouncerMode() {
        switch (this) {
            case PGBOUNCER_SESSION:
                return Optional.of(PgBouncer.Mode.SESSION);
            case PGBOUNCER_TRANSACTION:
                return Optional.of(PgBouncer.Mode.TRANSACTION);
            default:
                return Optional.empty();
        }
    }

    /**
     * Starts PgBouncer in front of {@code database} in this pooler's mode, with {@code poolSize} server
     * connections; empty for {@link #NONE}. Refused in one line ({@link PgBouncer#unavailable()}) where PgBouncer
     * is not installed.
     */
    public Optional<PgBouncer> start(Database database, int poolSize) {
        return pgbouncerMode().map(mode -> {
            PgBouncer.unavailable().ifPresent(why -> {
                throw new IllegalStateException("pooler = " + spelling() + " needs pgbouncer, but " + why);
            });
            return PgBouncer.start(database, mode, poolSize);
        });
    }

    public String spelling() {
        return Settings.spelling(this);
    }
}
