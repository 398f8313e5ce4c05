package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;

import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's JIT for a client's sessions: seed 002 turns it off "for small queries"
 * ({@code server_settings: {"jit": "off"}}). Set per session at connect time, through the startup
 * packet's {@code options} ({@code -c jit=off}): pgjdbc's {@code options} property, and the same
 * property in vertx-pg-client's connect options. {@link #DEFAULT} leaves the server's own setting.
 * The service's {@code --jit} and the benchmarks' {@code jit} parameter both mean this.
 */
public enum Jit {
    DEFAULT, ON, OFF;

    /** {@code "off"} to {@link #OFF}, in any case; anything else is refused with the accepted spellings. */
    public static Jit parse(String name, String value) {
        return Settings.parseChoice(name, value, Jit.class);
    }

    /**
     * A JMH parameter's value, spelled exactly ({@code default}, {@code on} or {@code off}), as the
     * benchmarks' {@code @Param} takes it.
     */
    public static Jit parameter(String name, String value) {
        for (Jit jit : values()) {
            if (jit.spelling().equals(value)) {
                return jit;
            }
        }
        throw SettingsException.badValue(name, value, "default, on or off");
    }

    /** The startup {@code options} that set it, e.g. {@code -c jit=off}; empty for {@link #DEFAULT}. */
    public Optional<String> startupOptions() {
        return this == DEFAULT ? Optional.empty() : Optional.of("-c jit=" + spelling());
    }

    /** The pgjdbc properties that set it: {@code options=-c jit=off}; none for {@link #DEFAULT}. */
    public Map<String, String> connectionProperties() {
        return startupOptions().map(options -> Map.of("options", options)).orElse(Map.of());
    }

    /** {@code connections} whose sessions run with this JIT setting; the same connections for {@link #DEFAULT}. */
    public PhysicalConnections applyTo(PhysicalConnections connections) {
        return this == DEFAULT ? connections : connections.with(connectionProperties());
    }

    public String spelling() {
        return Settings.spelling(this);
    }
}
