package dev.poolbench.pools.sizing;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.DatabaseProvider;
import dev.poolbench.core.db.DatabaseSettings;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.core.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sizing run's settings, validated once from its options ({@link SizingRun}).
 *
 * @param rtts      the round trips to add through the latency proxy; null for the default, which depends on the
 *                  database ({@link #roundTrips})
 * @param pool        the pool each point starts: the strategy, no overflow, SQLAlchemy's 30 s timeout; its size is
 *                    the point's
 * @param maxOverflow the overflow each instance's pool would have, which the fleet math adds to the recommended size
 * @param dbCores   the database server's cores as the user gave them; null to read them from the server
 */
record SizingSettings(List<Integer> sizes, List<Integer> callers, List<Duration> rtts, List<Workload> workloads,
                      PoolSettings pool, int maxOverflow, Duration warmup, Duration window, int repetitions, int instances, Integer dbCores,
                      Path out) {

    /** The round trips swept against a database poolbench started: direct, then a zone, a region, a continent away. */
    static final List<Duration> DEFAULT_RTTS = List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(20));

    /** Two windows at least: the verdict's t-test needs a spread. */
    static final int MIN_REPETITIONS = 2;

    SizingSettings {
        sizes = List.copyOf(sizes);
        callers = List.copyOf(callers);
        rtts = rtts == null ? null : List.copyOf(rtts);
        workloads = List.copyOf(workloads);
    }

    /**
     * The round trips to sweep against {@code provider}'s database: the given ones, or by default 0, 1, 5 and 20 ms;
     * against an external database only its own (0 added), since it has a round trip of its own, which the run
     * measures and shows.
     */
    List<Duration> roundTrips(DatabaseProvider provider) {
        if (rtts != null) {
            return rtts;
        }
        return provider == DatabaseProvider.EXTERNAL ? List.of(Duration.ZERO) : DEFAULT_RTTS;
    }

    static List<Integer> wholeNumbers(String name, String value, int min, int max) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                numbers.add(Settings.parseInt(name, part, min, max));
            } catch (SettingsException e) {
                throw SettingsException.badValue(name, part.trim(), "whole numbers from " + min + " to " + max
                        + ", separated by commas, e.g. " + example(name));
            }
        }
        if (numbers.stream().distinct().count() != numbers.size()) {
            throw SettingsException.badValue(name, value, "each number once");
        }
        return numbers.stream().sorted().toList();
    }

    /** {@code 0,1,5,20} (milliseconds) or durations ({@code 5ms}, {@code 0.5s}), from 0 to 10 s. */
    static List<Duration> roundTrips(String name, String value) {
        List<Duration> rtts = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                d = p.matches("\\d+") ? Duration.ofMillis(Long.parseLong(p)) : Settings.parseDuration(name, p);
            } catch (SettingsException | NumberFormatException e) {
                d = null;
            }
            if (d == null || d.compareTo(DatabaseSettings.MAX_RTT) > 0 || d.toNanos() % 1_000_000 != 0) {
                throw SettingsException.badValue(name, part.trim(), "round trips from 0 to 10s in whole milliseconds,"
                        + " separated by commas; a bare number is milliseconds, e.g. 0,1,5,20");
            }
            rtts.add(d);
        }
        return rtts.stream().distinct().sorted().toList();
    }

    static Duration positive(String name, String value, Duration min, Duration max, String example) {
        Duration d;
        try {
            d = Settings.parseDuration(name, value);
        } catch (SettingsException e) {
            d = null;
        }
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw SettingsException.badValue(name, value, "a duration from " + show(min) + " to " + show(max) + ", e.g. " + example);
        }
        return d;
    }

    static PoolStrategy strategy(String value) {
        PoolStrategy strategy = PoolStrategy.parse("--strategy", value);
        if (!strategy.sized()) {
            throw SettingsException.badValue("--strategy", value, "a pool with a size: one of queue, hikari, dbcp2,"
                    + " agroal, vibur, tomcat, c3p0 (none, static and single have no size to sweep)");
        }
        return strategy;
    }

    private static String example(String name) {
        return name.equals("--callers") ? "16,64" : "1,2,4,8";
    }

    private static String show(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
