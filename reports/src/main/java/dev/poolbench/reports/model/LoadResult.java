package dev.poolbench.reports.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One load-scenario run (format poolbench-load-result/1): how a service configuration held up under
 * a Gatling simulation. {@code gatlingReportLink} is relative to the report's own directory.
 */
public record LoadResult(String file, String simulation, String configuration, String serviceLabel,
                         long requests, long ok, long ko, double successRate, double throughputRps,
                         Map<String, Double> latencyMs, List<ErrorCount> errors, Optional<ServerPeak> peak,
                         Optional<String> gatlingReportLink) {

    public double latency(String percentile) {
        Double value = latencyMs.get(percentile);
        return value == null ? Double.NaN : value;
    }

    /** A distinct failure Gatling reported and how often. */
    public record ErrorCount(String message, long count) {
    }

    /** The most connections seen during the run, by the pool and by the server. */
    public record ServerPeak(int poolActive, int poolWaiting, int serverActive, int serverIdle, int serverTotal) {
    }
}
