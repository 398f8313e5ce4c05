package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poolbench.core.db.RoundTrips;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.ResultFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The summary of one simulation run, a {@link LoadSummary} as {@code docs/result-files.md} specifies it:
 * service configuration, load, requests, OK/KO, throughput, todo operations, latency percentiles overall and
 * per request name, Gatling's error messages, the pool's peaks, the read cache's hits and misses, and the
 * pool samples taken while it ran.
 */
final class LoadResult {

    /** The runner's own JSON: the service's health, the load and counts files a simulation leaves. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // the service may describe itself with more than a summary keeps
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LoadResult() {
    }

    /**
     * @param countedOperations todo operations the simulation counted in its answers, by request name, for requests
     *                          that carry more than one (a bulk create); every other answered request carries one
     * @param before            the service's health just before the run, {@code after} just after it
     * @param roundTrips        the service's database round trips during the run (null when not counted)
     */
    static LoadSummary summary(String simulation, String configuration, String stack, LoadSummary.Service service,
                               Map<String, Object> load, GatlingStats.RunStats stats, Map<String, Long> countedOperations,
                               JsonNode before, JsonNode after, List<LoadSummary.PoolSample> poolSamples,
                               LoadSummary.RoundTrips roundTrips, String gatlingReport) {
        long operations = 0;
        for (Map.Entry<String, GatlingStats.Figures> request : stats.byRequest().entrySet()) {
            operations += operations(request.getKey(), request.getValue(), countedOperations);
        }
        List<LoadSummary.RequestFigures> byRequest = new ArrayList<>();
        stats.byRequest().forEach((name, figures) -> {
            long carried = operations(name, figures, countedOperations);
            byRequest.add(new LoadSummary.RequestFigures(name, requests(figures), figures.throughputRps(), carried,
                    perSecond(carried, stats.durationMs()), latency(figures)));
        });
        List<LoadSummary.ErrorCount> errors = new ArrayList<>();
        for (GatlingStats.Error error : stats.errors()) {
            errors.add(new LoadSummary.ErrorCount(error.message(), error.count()));
        }
        return new LoadSummary(simulation, configuration, stack, service, load, stats.startedAt().toString(),
                stats.endedAt().toString(), stats.durationMs(), requests(stats.all()),
                stats.all().total() == 0 ? 0.0 : (double) stats.all().ok() / stats.all().total(),
                stats.all().throughputRps(), operations, perSecond(operations, stats.durationMs()), latency(stats.all()),
                byRequest, errors, pool(before, after, poolSamples, stats.startedAt(), stats.endedAt()), roundTrips,
                after.path("cache").path("enabled").asBoolean(false) ? cache(before, after) : null,
                poolSamples, gatlingReport);
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

    static void write(Path file, LoadSummary summary) throws IOException {
        ResultFiles.write(file, LoadSummary.FORMAT, summary);
    }

    static LoadSummary read(Path file) throws IOException {
        return ResultFiles.read(file, LoadSummary.FORMAT);
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
    static LoadSummary.Pool pool(JsonNode before, JsonNode after, List<LoadSummary.PoolSample> samples, Instant from,
                                 Instant to) {
        int capacity = after.path("pool").path("capacity").asInt();
        int peakActive = after.path("pool").path("peakActive").asInt();
        OptionalDouble meanActive = samples.stream()
                .filter(sample -> {
                    Instant at = Instant.parse(sample.at());
                    return !at.isBefore(from) && !at.isAfter(to);
                })
                .mapToInt(LoadSummary.PoolSample::active).average();
        return new LoadSummary.Pool(after.path("pool").path("name").asText(), capacity, peakActive,
                capacity == 0 ? null : (double) peakActive / capacity,
                meanActive.isPresent() ? meanActive.getAsDouble() : null,
                samples.stream().mapToInt(LoadSummary.PoolSample::waiting).max().orElse(0),
                samples.stream().mapToInt(LoadSummary.PoolSample::serverTotal).max().orElse(0),
                after.path("pool").path("timeouts").asLong() - before.path("pool").path("timeouts").asLong(),
                samples.size());
    }

    /**
     * The round trips the proxy counted during the run ({@code during}), less the service's health probe's:
     * {@code probeCost} a health request (measured before the run) times the health requests sent meanwhile.
     */
    static LoadSummary.RoundTrips roundTrips(java.time.Duration rtt, RoundTrips during, double probeCost, long probes,
                                             long requests) {
        long probeExchanges = Math.min(during.exchanges(), Math.round(probeCost * probes));
        long exchanges = during.exchanges() - probeExchanges;
        return new LoadSummary.RoundTrips(rtt.toMillis(), exchanges, requests == 0 ? null : (double) exchanges / requests,
                during.connections(), probeExchanges);
    }

    /** The read cache's lookups during the run, from the service's own counters (after minus before). */
    static LoadSummary.Cache cache(JsonNode before, JsonNode after) {
        long hits = after.path("cache").path("hits").asLong() - before.path("cache").path("hits").asLong();
        long misses = after.path("cache").path("misses").asLong() - before.path("cache").path("misses").asLong();
        return new LoadSummary.Cache(hits, misses, hits + misses == 0 ? null : (double) hits / (hits + misses));
    }

    private static LoadSummary.Requests requests(GatlingStats.Figures figures) {
        return new LoadSummary.Requests(figures.total(), figures.ok(), figures.ko());
    }

    /** GatlingStats' latencies by name (none when nothing answered) as the summary's. */
    private static LoadSummary.Latency latency(GatlingStats.Figures figures) {
        return JSON.convertValue(figures.latencyMs(), LoadSummary.Latency.class);
    }
}
