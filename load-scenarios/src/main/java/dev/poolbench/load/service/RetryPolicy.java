package dev.poolbench.load.service;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;

import java.time.Duration;
import java.util.Locale;

/**
 * Seed 004's retry decorator ({@code handle_database_error} in 004_02e627a8f49d242e.txt): a database call that fails
 * with an {@code OperationalError} or a {@code TimeoutError} is tried again, up to {@code tries} times in all, sleeping
 * {@code backoff}, then twice that, and so on, between tries. The seed's {@code max_retries = 3} and
 * {@code time.sleep(2 ** retry_count)} are {@code 3x2s}: three tries, 2 s then 4 s between them. {@link #OFF} (one try)
 * is the default; written {@code off} or {@code TRIESxBACKOFF} on the command line ({@code --retry 3x2s}).
 *
 * @param tries   how many times a call is tried in all, 1 (no retry) to {@value #MAX_TRIES}
 * @param backoff the sleep before the second try; each later one doubles it
 */
public record RetryPolicy(int tries, Duration backoff) {

    public static final int MAX_TRIES = 10;
    public static final RetryPolicy OFF = new RetryPolicy(1, Duration.ZERO);
    /** Seed 004's own: {@code max_retries = 3}, {@code time.sleep(2 ** retry_count)}. */
    public static final RetryPolicy SEED_004 = new RetryPolicy(3, Duration.ofSeconds(2));

    private static final String ACCEPTED = "off, or TRIESxBACKOFF with 2 to " + MAX_TRIES + " tries and a backoff "
            + "such as 250ms or 2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)";

    public RetryPolicy {
        if (tries < 1 || tries > MAX_TRIES) {
            throw new SettingsException("retry tries = " + tries + " is not accepted: 1 to " + MAX_TRIES);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new SettingsException("retry backoff = " + backoff + " is not accepted: zero or more");
        }
    }

    /** {@code off} or {@code 3x2s}; anything else is refused naming {@code flag}, the value and what is accepted. */
    public static RetryPolicy parse(String flag, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return OFF;
        }
        int x = v.indexOf('x');
        if (x > 0) {
            try {
                int tries = Integer.parseInt(v.substring(0, x).trim());
                Duration backoff = Settings.parseDuration(flag, v.substring(x + 1));
                if (tries >= 2 && tries <= MAX_TRIES) {
                    return new RetryPolicy(tries, backoff);
                }
            } catch (NumberFormatException | SettingsException e) {
                // reported below with the accepted forms
            }
        }
        throw SettingsException.badValue(flag, value, ACCEPTED);
    }

    public boolean enabled() {
        return tries > 1;
    }

    /** The sleep before try {@code attempt} (2, 3, ...): backoff, 2 x backoff, 4 x backoff ... */
    public Duration sleepBefore(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 2, 30));
    }

    /** {@code off} or {@code 3x2s}, as the flag is written. */
    public String spelling() {
        return enabled() ? tries + "x" + ServiceOptions.show(backoff) : "off";
    }
}
