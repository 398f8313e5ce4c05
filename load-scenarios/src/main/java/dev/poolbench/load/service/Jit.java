package dev.poolbench.load.service;

import dev.poolbench.core.config.Settings;

import java.util.Optional;

/**
 * PostgreSQL's JIT for the service's sessions ({@code --jit}): seed 002 turns it off "for small queries"
 * ({@code server_settings: {"jit": "off"}}). Set per session at connect time, through the startup
 * packet's {@code options} ({@code -c jit=off}): pgjdbc's {@code options} property, and the same
 * property in vertx-pg-client's connect options. {@link #DEFAULT} leaves the server's own setting.
 */
public enum Jit {
    DEFAULT, ON, OFF;

    /** The startup {@code options} that set it, e.g. {@code -c jit=off}; empty for {@link #DEFAULT}. */
    public Optional<String> startupOptions() {
        return this == DEFAULT ? Optional.empty() : Optional.of("-c jit=" + spelling());
    }

    public String spelling() {
        return Settings.spelling(this);
    }
}
