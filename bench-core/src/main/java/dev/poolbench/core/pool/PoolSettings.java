package dev.poolbench.core.pool;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;

import java.time.Duration;
import java.util.Objects;

/**
 * A pool's configuration, validated once when it is built. The defaults are SQLAlchemy's
 * ({@code create_engine}'s): pool_size 5, max_overflow 10, pool_timeout 30 s, no recycling, no
 * pre-ping, FIFO.
 *
 * <ul>
 *   <li>{@code poolSize} (1-1000): connections the pool keeps once opened. {@code static} and {@code single}
 *       always have one and {@code none} keeps none; for them the value is ignored.</li>
 *   <li>{@code maxOverflow} (0-1000): connections opened beyond poolSize under load and closed on return.</li>
 *   <li>{@code poolTimeout} (&gt; 0): how long a borrower waits for a connection before it gets
 *       {@link PoolExhaustedException} ({@code static} and {@code none} never make anyone wait).</li>
 *   <li>{@code recycle} (0 = never): a connection older than this is replaced when it is borrowed.</li>
 *   <li>{@code prePing}: a connection is checked with a round trip when borrowed; a dead one is
 *       replaced without the borrower noticing.</li>
 *   <li>{@code lifo}: hand out the most recently returned connection first (default: the oldest).</li>
 *   <li>{@code leakThreshold} (0 = off): a connection held longer than this is reported as a leak,
 *       with the stack of the code that borrowed it (every strategy, by poolbench's own detector).</li>
 * </ul>
 */
public record PoolSettings(PoolStrategy strategy, int poolSize, int maxOverflow, Duration poolTimeout,
                           Duration recycle, boolean prePing, boolean lifo, Duration leakThreshold) {

    public static final int MAX_SIZE = 1000;
    /** HikariCP refuses a connectionTimeout below 250 ms. */
    static final Duration HIKARI_MIN_TIMEOUT = Duration.ofMillis(250);
    /** HikariCP ignores a maxLifetime below 30 s (it falls back to 30 minutes); we refuse it instead. */
    static final Duration HIKARI_MIN_LIFETIME = Duration.ofSeconds(30);
    /** HikariCP ignores a leakDetectionThreshold below 2 s. */
    static final Duration HIKARI_MIN_LEAK_THRESHOLD = Duration.ofSeconds(2);

    public PoolSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(poolTimeout, "poolTimeout");
        recycle = recycle == null ? Duration.ZERO : recycle;
        leakThreshold = leakThreshold == null ? Duration.ZERO : leakThreshold;
        if (poolSize < 1 || poolSize > MAX_SIZE) {
            throw SettingsException.badValue("poolSize", poolSize, "a whole number from 1 to " + MAX_SIZE);
        }
        if (maxOverflow < 0 || maxOverflow > MAX_SIZE) {
            throw SettingsException.badValue("maxOverflow", maxOverflow, "a whole number from 0 to " + MAX_SIZE);
        }
        if (poolTimeout.isNegative() || poolTimeout.isZero() || poolTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw SettingsException.badValue("poolTimeout", show(poolTimeout),
                    "more than zero and at most 1h, e.g. 30s (with zero no borrower could ever wait for a busy connection)");
        }
        if (recycle.isNegative()) {
            throw SettingsException.badValue("recycle", show(recycle), "zero (never) or more, e.g. 3600s");
        }
        if (leakThreshold.isNegative()) {
            throw SettingsException.badValue("leakThreshold", show(leakThreshold), "zero (off) or more, e.g. 10s");
        }
        if (strategy == PoolStrategy.HIKARI) {
            if (poolTimeout.compareTo(HIKARI_MIN_TIMEOUT) < 0) {
                throw SettingsException.badValue("poolTimeout", show(poolTimeout),
                        "at least 250ms with strategy hikari (HikariCP's minimum connectionTimeout)");
            }
            if (!recycle.isZero() && recycle.compareTo(HIKARI_MIN_LIFETIME) < 0) {
                throw SettingsException.badValue("recycle", show(recycle),
                        "zero (never) or at least 30s with strategy hikari (HikariCP's minimum maxLifetime)");
            }
            if (!leakThreshold.isZero() && leakThreshold.compareTo(HIKARI_MIN_LEAK_THRESHOLD) < 0) {
                throw SettingsException.badValue("leakThreshold", show(leakThreshold),
                        "zero (off) or at least 2s with strategy hikari (HikariCP's minimum leakDetectionThreshold)");
            }
        }
        if (strategy == PoolStrategy.VIBUR && !recycle.isZero()) {
            throw SettingsException.badValue("recycle", show(recycle),
                    "zero (never) with strategy vibur (Vibur DBCP has no maximum lifetime)");
        }
        if (strategy == PoolStrategy.C3P0 && recycle.toMillis() % 1000 != 0) {
            throw SettingsException.badValue("recycle", show(recycle),
                    "whole seconds with strategy c3p0 (c3p0's maxConnectionAge is in seconds)");
        }
    }

    /** SQLAlchemy's defaults for {@code strategy}. */
    public static PoolSettings of(PoolStrategy strategy) {
        return new PoolSettings(strategy, 5, 10, Duration.ofSeconds(30), Duration.ZERO, false, false, Duration.ZERO);
    }

    /**
     * From properties: {@code bench.pool} (strategy), {@code bench.pool.size}, {@code bench.pool.overflow},
     * {@code bench.pool.timeout}, {@code bench.pool.recycle}, {@code bench.pool.prePing},
     * {@code bench.pool.lifo}, {@code bench.pool.leakThreshold}.
     */
    public static PoolSettings from(Settings settings) {
        PoolSettings defaults = of(settings.choice("bench.pool", PoolStrategy.class, PoolStrategy.QUEUE));
        return new PoolSettings(defaults.strategy,
                settings.integer("bench.pool.size", defaults.poolSize, 1, MAX_SIZE),
                settings.integer("bench.pool.overflow", defaults.maxOverflow, 0, MAX_SIZE),
                settings.duration("bench.pool.timeout", defaults.poolTimeout),
                settings.duration("bench.pool.recycle", defaults.recycle),
                settings.bool("bench.pool.prePing", defaults.prePing),
                settings.bool("bench.pool.lifo", defaults.lifo),
                settings.duration("bench.pool.leakThreshold", defaults.leakThreshold));
    }

    public PoolSettings withStrategy(PoolStrategy value) {
        return new PoolSettings(value, poolSize, maxOverflow, poolTimeout, recycle, prePing, lifo, leakThreshold);
    }

    public PoolSettings withPoolSize(int value) {
        return new PoolSettings(strategy, value, maxOverflow, poolTimeout, recycle, prePing, lifo, leakThreshold);
    }

    public PoolSettings withMaxOverflow(int value) {
        return new PoolSettings(strategy, poolSize, value, poolTimeout, recycle, prePing, lifo, leakThreshold);
    }

    public PoolSettings withPoolTimeout(Duration value) {
        return new PoolSettings(strategy, poolSize, maxOverflow, value, recycle, prePing, lifo, leakThreshold);
    }

    public PoolSettings withRecycle(Duration value) {
        return new PoolSettings(strategy, poolSize, maxOverflow, poolTimeout, value, prePing, lifo, leakThreshold);
    }

    public PoolSettings withPrePing(boolean value) {
        return new PoolSettings(strategy, poolSize, maxOverflow, poolTimeout, recycle, value, lifo, leakThreshold);
    }

    public PoolSettings withLifo(boolean value) {
        return new PoolSettings(strategy, poolSize, maxOverflow, poolTimeout, recycle, prePing, value, leakThreshold);
    }

    public PoolSettings withLeakThreshold(Duration value) {
        return new PoolSettings(strategy, poolSize, maxOverflow, poolTimeout, recycle, prePing, lifo, value);
    }

    /** The most connections this pool will hold at once ({@code none}: no limit of its own, 0 here). */
    public int capacity() {
        switch (strategy) {
            case NONE: return 0;
            case STATIC: return 1;
            case SINGLE: return 1;
            default: return poolSize + maxOverflow;
        }
    }

    /** "queue 5+10, timeout 30s, recycle 3600s, pre-ping": how reports name a configuration. */
    public String label() {
        StringBuilder label = new StringBuilder(strategy.spelling());
        if (strategy.sized()) {
            label.append(' ').append(poolSize).append('+').append(maxOverflow);
        }
        if (strategy != PoolStrategy.NONE && strategy != PoolStrategy.STATIC) {
            label.append(", timeout ").append(show(poolTimeout));
        }
        if (!recycle.isZero()) {
            label.append(", recycle ").append(show(recycle));
        }
        if (prePing) {
            label.append(", pre-ping");
        }
        if (lifo) {
            label.append(", lifo");
        }
        if (!leakThreshold.isZero()) {
            label.append(", leak threshold ").append(show(leakThreshold));
        }
        return label.toString();
    }

    static String show(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
