package dev.poolbench.core.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server settings poolbench starts its own PostgreSQL with, the same for the container and
 * the embedded server so that their numbers compare. Everything else is the server's default:
 * durable commits (fsync and synchronous_commit on), as a production database has them.
 */
final class ServerConfig {

    /** Room for a 64-caller NullPool run plus the pools of the service and the probes. */
    static final Map<String, String> SETTINGS = settings();

    private ServerConfig() {
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_connections", "200");
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        return Map.copyOf(settings);
    }

    static String[] commandLine() {
        List<String> args = new ArrayList<>();
        args.add("postgres");
        SETTINGS.forEach((key, value) -> {
            args.add("-c");
            args.add(key + "=" + value);
        });
        return args.toArray(String[]::new);
    }
}
