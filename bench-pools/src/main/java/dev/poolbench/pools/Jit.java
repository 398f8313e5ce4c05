package dev.poolbench.pools;

import dev.poolbench.core.config.SettingsException;

import java.util.Map;

/** The {@code jit} parameter: leave the server's setting, or set the session's through pgjdbc's {@code options}. */
final class Jit {

    private Jit() {
    }

    static Map<String, String> connectionProperties(String jit) {
        switch (jit) {
            case "default": return Map.of();
            case "on": return Map.of("options", "-c jit=on");
            case "off": return Map.of("options", "-c jit=off");
            default: throw SettingsException.badValue("jit", jit, "default, on or off");
        }
    }
}
