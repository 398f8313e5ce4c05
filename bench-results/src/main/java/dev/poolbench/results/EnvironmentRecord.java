package dev.poolbench.results;

import java.util.Map;

/**
 * Where a set of numbers came from ({@code environment.json}, beside every module's results): JDK, OS, cores,
 * memory, the PostgreSQL server and its key settings, the provider, and the run's effective parameters. It
 * never holds a password (the database description carries none).
 *
 * @param source     the module that wrote it: {@code bench-pools} or {@code load-scenarios}
 * @param memoryMb   the machine's memory; -1 when the JVM cannot tell
 * @param parameters the run's effective settings, by name (their shape is the writer's)
 */
public record EnvironmentRecord(String source, String recordedAt, Jdk jdk, Os os, int cores, long memoryMb,
                                DatabaseServer database, Map<String, Object> parameters) {

    public static final ResultFormat<EnvironmentRecord> FORMAT = new ResultFormat<>("poolbench-environment/1",
            "environment.json", EnvironmentRecord.class);

    public record Jdk(String version, String vendor, String vm) {
    }

    public record Os(String name, String version, String arch) {
    }

    /**
     * @param provider    how the database was reached: {@code testcontainers}, {@code embedded} or {@code external}
     * @param settings    the server's version and the settings that move the numbers, as the server shows them
     */
    public record DatabaseServer(String provider, String description, Map<String, String> settings) {
    }
}
