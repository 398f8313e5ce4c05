package dev.poolbench.core.probe;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a set of numbers came from: JDK, OS, cores, memory, the PostgreSQL server and its key
 * settings, the provider, and the run's effective parameters. Written beside every result file
 * (format {@value #FORMAT}); it never holds a password (the database description carries none).
 */
public final class EnvironmentRecord {

    public static final String FORMAT = "poolbench-environment/1";

    private EnvironmentRecord() {
    }

    /** A JSON-ready map (strings, numbers, nested maps) for {@code source} ("bench-pools", "load-scenarios"). */
    public static Map<String, Object> of(String source, Database database, Map<String, ?> parameters) throws SQLException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("format", FORMAT);
        record.put("source", source);
        record.put("recordedAt", Instant.now().toString());

        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("version", System.getProperty("java.version"));
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("vm", System.getProperty("java.vm.name"));
        record.put("jdk", jdk);

        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        record.put("os", os);

        record.put("cores", Runtime.getRuntime().availableProcessors());
        record.put("memoryMb", totalMemoryMb());

        Map<String, Object> db = new LinkedHashMap<>();
        db.put("provider", Settings.spelling(database.provider()));
        db.put("description", database.description());
        try (Connection c = database.connect(ServerConnections.PROBE_APPLICATION)) {
            db.put("settings", ServerSettings.read(c));
        }
        record.put("database", db);
        record.put("parameters", new LinkedHashMap<>(parameters));
        return record;
    }

    private static long totalMemoryMb() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
