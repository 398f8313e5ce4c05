package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of one simulation run, format {@value #FORMAT} as {@code docs/result-files.md} specifies it:
 * service configuration, load, requests, OK/KO, throughput, todo operations, latency percentiles overall and
 * per request name, Gatling's error messages, the pool's peaks, the read cache's hits and misses, and the
 * pool samples taken while it ran.
 */
final class LoadResult {

    static final String FORMAT = "poolbench-load-result/1";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoadResult() {
    }

    /**
     * @param countedOperations todo operations the simulation counted in its answers, by request name, for requests
     *                          that carry more than one (a bulk create); every other answered request carries one
     * @param before            the service's health just before the run, {@code after} just after it
     */
    static Map<String, Object> summary(String simulation, String configuration, Map<String, Object> service,
                                       Map<String, Object> load, GatlingStats.RunStats stats,
                                       Map<String, Long> countedOperations, JsonNode before, JsonNode after,
                                       List<Map<String, Object>> poolSamples, String gatlingReport) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", FORMAT);
        summary.put("simulation", simulation);
        summary.put("configuration", configuration);
        summary.put("service", service);
        summary.put("load", load);
        summary.put("startedAt", stats.startedAt().toString());
        summary.put("endedAt", stats.endedAt().toString());
        summary.put("durationMs", stats.durationMs());
        summary.put("requests", requests(stats.all()));
        summary.put("successRate", stats.all().total() == 0 ? 0.0 : (double) stats.all().ok() / stats.all().total());
        summary.put("throughputRps", stats.all().throughputRps());
        long operations = 0;
        for (Map.Entry<String, GatlingStats.Figures> request : stats.byRequest().entrySet()) {
            operations += operations(request.getKey(), request.getValue(), countedOperations);
        }
        summary.put("operations", operations);
        summary.put("operationsPerSecond", perSecond(operations, stats.durationMs()));
        summary.put("latencyMs", stats.all().latencyMs());
        List<Map<String, Object>> byRequest = new ArrayList<>();
        stats.byRequest().forEach((name, figures) -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", name);
            request.put("requests", requests(figures));
            request.put("throughputRps", figures.throughputRps());
            long carried = operations(name, figures, countedOperations);
            request.put("operations", carried);
            request.put("operationsPerSecond", perSecond(carried, stats.durationMs()));
            request.put("latencyMs", figures.latencyMs());
            byRequest.add(request);
        });
        summary.put("byRequest", byRequest);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (GatlingStats.Error error : stats.errors()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", error.message());
            e.put("count", error.count());
            errors.add(e);
        }
        summary.put("errors", errors);
        summary.put("pool", pool(before, after, poolSamples, stats.startedAt(), stats.endedAt()));
        if (after.path("cache").path("enabled").asBoolean(false)) {
            summary.put("cache", cache(before, after));
        }
        summary.put("poolSamples", poolSamples);
        summary.put("gatlingReport", gatlingReport);
        return summary;
    }

    /**
     * Empties {@code load-results/} (summaries, service logs, the claims folder) before a whole run, so that
     * a report of this run never shows what an earlier one left there. A run of a few named parts keeps the
     * rest: it replaces only its own files.
     */
    static void clearEarlierRun(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return;
        }
        try (var paths = Files.walk(results)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(results)) {
                    Files.delete(path);
                }
            }
        }
    }

    static void write(Path file, Map<String, Object> content) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), content);
    }

    /** The todo operations answered requests named {@code name} carried: as counted, else one per OK request. */
    private static long operations(String name, GatlingStats.Figures figures, Map<String, Long> counted) {
        return counted.containsKey(name) ? counted.get(name) : figures.ok();
    }

    /** Operations over the run's exact span (Gatling's throughput rounds the span up to whole seconds). */
    private static double perSecond(long operations, long durationMs) {
        return durationMs <= 0 ? 0.0 : operations * 1000.0 / durationMs;
    }

    /**
     * The pool as the run used it: its capacity (0: no limit of its own, {@code none}), its peak of connections
     * lent out at once (the service's own high-water mark since it started, exact; its warm-up lends one at a time),
     * peak usage (peak active / capacity), the mean of active over the samples taken between the run's start and
     * end, the highest waiting and server-connection figures among the samples, and the pool timeouts during the
     * run (the service's counter after minus before).
     */
    static Map<String, Object> pool(JsonNode before, JsonNode after, List<Map<String, Object>> samples,
                                    java.time.Instant from, java.time.Instant to) {
        Map<String, Object> pool = new LinkedHashMap<>();
        int capacity = after.path("pool").path("capacity").asInt();
        int peakActive = after.path("pool").path("peakActive").asInt();
        java.util.OptionalDouble meanActive = samples.stream()
                .filter(sample -> {
                    java.time.Instant at = java.time.Instant.parse((String) sample.get("at"));
                    return !at.isBefore(from) && !at.isAfter(to);
                })
                .mapToInt(sample -> ((Number) sample.get("active")).intValue()).average();
        pool.put("name", after.path("pool").path("name").asText());
        pool.put("capacity", capacity);
        pool.put("peakActive", peakActive);
        pool.put("peakUsage", capacity == 0 ? null : (double) peakActive / capacity);
        pool.put("meanActive", meanActive.isPresent() ? meanActive.getAsDouble() : null);
        pool.put("peakWaiting", peak(samples, "waiting"));
        pool.put("peakServerConnections", peak(samples, "serverTotal"));
        pool.put("timeouts", after.path("pool").path("timeouts").asLong() - before.path("pool").path("timeouts").asLong());
        pool.put("samples", samples.size());
        return pool;
    }

    /** The read cache's lookups during the run, from the service's own counters (after minus before). */
    static Map<String, Object> cache(JsonNode before, JsonNode after) {
        long hits = after.path("cache").path("hits").asLong() - before.path("cache").path("hits").asLong();
        long misses = after.path("cache").path("misses").asLong() - before.path("cache").path("misses").asLong();
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("hits", hits);
        cache.put("misses", misses);
        cache.put("hitRate", hits + misses == 0 ? null : (double) hits / (hits + misses));
        return cache;
    }

    private static int peak(List<Map<String, Object>> samples, String figure) {
        return samples.stream().mapToInt(sample -> ((Number) sample.get(figure)).intValue()).max().orElse(0);
    }

    private static Map<String, Object> requests(GatlingStats.Figures figures) {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", figures.total());
        requests.put("ok", figures.ok());
        requests.put("ko", figures.ko());
        return requests;
    }
}
