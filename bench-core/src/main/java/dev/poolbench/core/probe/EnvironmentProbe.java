package dev.poolbench.core.probe;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.db.Database;
import dev.poolbench.results.EnvironmentRecord;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a set of numbers came from: JDK, OS, cores, memory, the PostgreSQL server and its key
 * settings, the provider, and the run's effective parameters, as the {@link EnvironmentRecord} written
 * beside every result file; it never holds a password (the database description carries none).
 */
public final class EnvironmentProbe {

    private EnvironmentProbe() {
    }

    /** This JVM's and {@code database}'s record, for {@code source} ("bench-pools", "load-scenarios"). */
    public static EnvironmentRecord record(String source, Database database, Map<String, ?> parameters) throws SQLException {
        String recordedAt = Instant.now().toString();
        Map<String, String> settings;
        try (Connection c = database.connect(ServerConnections.PROBE_APPLICATION)) {
            settings = ServerSettings.read(c);
        }
        return new EnvironmentRecord(source, recordedAt,
                new EnvironmentRecord.Jdk(System.getProperty("java.version"), System.getProperty("java.vendor"),
                        System.getProperty("java.vm.name")),
                new EnvironmentRecord.Os(System.getProperty("os.name"), System.getProperty("os.version"),
                        System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(), totalMemoryMb(),
                new EnvironmentRecord.DatabaseServer(Settings.spelling(database.provider()), database.description(), settings),
                new LinkedHashMap<>(parameters));
    }

    private static long totalMemoryMb() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
