package dev.poolbench.reports.model;

import dev.poolbench.results.LoadSummary;

import java.util.Optional;

/**
 * One load-scenario run as the run artifact holds it: the summary's file name, the link to its Gatling
 * report (relative to the report's own directory; empty when that report was not found), and the summary.
 */
public record LoadSummaryFile(String file, Optional<String> gatlingReportLink, LoadSummary summary) {

    /** The service's own words for its configuration, else the configuration's name. */
    public String serviceLabel() {
        return summary.service() == null || summary.service().label() == null
                ? orElse(summary.configuration(), "?") : summary.service().label();
    }

    /** A latency figure by name ({@code min}, {@code mean}, {@code p50}, ..., {@code max}), NaN when the summary has none. */
    public double latency(String figure) {
        LoadSummary.Latency l = summary.latencyMs();
        if (l == null) {
            return Double.NaN;
        }
        Number value = switch (figure) {
            case "min" -> l.min();
            case "mean" -> l.mean();
            case "p50" -> l.p50();
            case "p75" -> l.p75();
            case "p95" -> l.p95();
            case "p99" -> l.p99();
            case "max" -> l.max();
            default -> null;
        };
        return value == null ? Double.NaN : value.doubleValue();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
