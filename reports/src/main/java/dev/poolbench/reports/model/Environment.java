package dev.poolbench.reports.model;

import java.util.Map;

/** Where a set of numbers came from (an {@link dev.poolbench.results.EnvironmentRecord}), as the report shows it. */
public record Environment(String source, String recordedAt, String jdk, String os, int cores, long memoryMb,
                          String databaseProvider, String databaseDescription, Map<String, String> databaseSettings,
                          Map<String, String> parameters) {
}
