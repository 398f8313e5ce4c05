package dev.poolbench.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A read-only view of raw settings (system properties, flags, environment) with typed, validated
 * accessors. Every entry point builds one of these once and turns it into immutable records; no
 * component reads {@code System.getProperty} on its own.
 */
public final class Settings {

    private final Map<String, String> values;
    private final Map<String, String> env;

    private Settings(Map<String, String> values, Map<String, String> env) {
        this.values = Map.copyOf(values);
        this.env = Map.copyOf(env);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of());
    }

    public static Settings of(Map<String, String> values, Map<String, String> env) {
        return new Settings(values, env);
    }

    /** The JVM's system properties and environment: what an entry point ({@code main}, a JMH fork) reads once. */
    public static Settings fromSystem() {
        Properties props = System.getProperties();
        Map<String, String> values = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            values.put(name, props.getProperty(name));
        }
        return new Settings(values, System.getenv());
    }

    /** These settings with {@code overrides} taking precedence (flags over system properties, say). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged, env);
    }

    /** The value of {@code name}, else of environment variable {@code envName}; blank counts as absent. */
    public Optional<String> string(String name, String envName) {
        String value = values.get(name);
        if ((value == null || value.isBlank()) && envName != null) {
            value = env.get(envName);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<String> string(String name) {
        return string(name, null);
    }

    public String string(String name, String envName, String defaultValue) {
        return string(name, envName).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return string(name).map(v -> parseInt(name, v, min, max)).orElse(defaultValue);
    }

    public boolean bool(String name, boolean defaultValue) {
        return string(name).map(v -> parseBoolean(name, v)).orElse(defaultValue);
    }

    public Duration duration(String name, Duration defaultValue) {
        return string(name).map(v -> parseDuration(name, v)).orElse(defaultValue);
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        return string(name).map(v -> parseChoice(name, v, type)).orElse(defaultValue);
    }

    /** True when the setting was given at all (as a property; the environment does not count). */
    public boolean has(String name) {
        String value = values.get(name);
        return value != null && !value.isBlank();
    }

    public static int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw SettingsException.badValue(name, value, "a whole number from " + min + " to " + max);
    }

    public static boolean parseBoolean(String name, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "on": case "yes": case "1":
                return true;
            case "false": case "off": case "no": case "0":
                return false;
            default:
                throw SettingsException.badValue(name, value, "true or false (also on/off, yes/no)");
        }
    }

    /**
     * Durations as people write them: {@code 30s}, {@code 250ms}, {@code 10m}, {@code 1h}, or a bare
     * number of seconds. Negative values are refused here; whether zero is allowed is the caller's rule.
     */
    public static Duration parseDuration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            if (!d.isNegative()) {
                return d;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below with the accepted forms
        }
        throw SettingsException.badValue(name, value,
                "a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)");
    }

    public static <E extends Enum<E>> E parseChoice(String name, String value, Class<E> type) {
        String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw SettingsException.badValue(name, value, "one of " + choices(type));
    }

    /** The accepted spellings of an enum, as a user types them: {@code none, static, single, queue, hikari}. */
    public static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(Settings::spelling)
                .collect(Collectors.joining(", "));
    }

    /** How a user types an enum constant: lower case, dashes: {@code EVENT_LOOP} is {@code event-loop}. */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
