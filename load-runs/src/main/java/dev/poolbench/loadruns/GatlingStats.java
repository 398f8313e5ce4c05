package dev.poolbench.loadruns;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.ResultsHolder;
import io.gatling.charts.stats.StatsPath;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.stats.ErrorStats;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A finished run's numbers, read from its {@code simulation.log} by Gatling's own reader, the code that
 * computes the HTML report's tables: the same counts, min, max, mean and throughput, only unrounded.
 * Percentiles are the one exception: the report estimates them with a t-digest whose random seed makes
 * them wobble by a few percent from one reading of the same log to the next, so the summary computes
 * them exactly (nearest rank) from the reader's own histogram of response times, in whole milliseconds.
 * Gatling 3.13+ writes no JSON of its own; this is the one place that knows Gatling's internals.
 */
public final class GatlingStats {

    /** The percentiles the summary carries (Gatling's default indicators, as gatling.conf leaves them). */
    static final double[] PERCENTILES = {50, 75, 95, 99};

    private GatlingStats() {
    }

    /**
     * Counts, latencies and throughput of all requests or one request name; {@code histogram} is how many
     * responses took each whole number of milliseconds (OK and KO alike).
     */
    public record Figures(long total, long ok, long ko, double throughputRps, Map<String, Number> latencyMs,
                          SortedMap<Integer, Long> histogram) {

        /** The smallest latency that at least {@code percent}% of the responses did not exceed. */
        public int percentile(double percent) {
            long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
            long seen = 0;
            for (Map.Entry<Integer, Long> bucket : histogram.entrySet()) {
                seen += bucket.getValue();
                if (seen >= rank) {
                    return bucket.getKey();
                }
            }
            return histogram.isEmpty() ? 0 : histogram.lastKey();
        }

        /** The mean response time, to the hundredth of a millisecond (the report shows it truncated). */
        public double mean() {
            if (total == 0) {
                return 0;
            }
            double sum = 0;
            for (Map.Entry<Integer, Long> bucket : histogram.entrySet()) {
                sum += (double) bucket.getKey() * bucket.getValue();
            }
            return Math.round(sum / total * 100) / 100.0;
        }

        /** The share of responses that took at most {@code ms}. */
        public double shareAtMost(int ms) {
            return total == 0 ? 0 : histogram.headMap(ms + 1).values().stream().mapToLong(Long::longValue).sum() / (double) total;
        }
    }

    public record Error(String message, long count) {
    }

    /**
     * @param durationMs the span Gatling's throughput is over, first record to last, in milliseconds (Gatling itself
     *                   divides by it rounded up to whole seconds, which a short run cannot afford)
     */
    public record RunStats(String simulationClass, Instant startedAt, Instant endedAt, long durationMs, Figures all,
                           Map<String, Figures> byRequest, List<Error> errors) {
    }

    public static RunStats read(Path runDirectory) {
        GatlingConfiguration configuration = GatlingConfiguration.load();
        LogFileData data = new LogFileReader(runDirectory.resolve("simulation.log").toFile(), configuration).read();
        ResultsHolder holder = resultsHolder(data);
        Map<String, Figures> byRequest = new LinkedHashMap<>();
        for (StatsPath path : CollectionConverters.asJava(data.statsPaths())) {
            if (path instanceof RequestStatsPath) {
                RequestStatsPath request = (RequestStatsPath) path;
                byRequest.put(request.request(), figures(data, holder, Option.apply(request.request()), request.group()));
            }
        }
        List<Error> errors = new ArrayList<>();
        for (ErrorStats error : CollectionConverters.asJava(data.errors(Option.empty(), Option.empty()))) {
            errors.add(new Error(error.message(), error.count()));
        }
        return new RunStats(data.runInfo().simulationClassName(), Instant.ofEpochMilli(data.runInfo().runStart()),
                Instant.ofEpochMilli(data.runInfo().injectEnd()), data.runInfo().injectEnd() - data.runInfo().injectStart(),
                figures(data, holder, Option.empty(), Option.empty()), byRequest, errors);
    }

    /** Latencies over all requests, OK and KO alike, as the report's table and Gatling's assertions take them. */
    private static Figures figures(LogFileData data, ResultsHolder holder, Option<String> request, Option<Group> group) {
        Option<GeneralStats> all = data.requestGeneralStats(request, group, Option.empty());
        Map<String, Number> latency = new LinkedHashMap<>();
        if (all.isEmpty()) {
            return new Figures(0, 0, 0, 0.0, latency, new TreeMap<>());
        }
        GeneralStats stats = all.get();
        SortedMap<Integer, Long> histogram = new TreeMap<>();
        CollectionConverters.asJava(holder.getRequestGeneralStatsBuffers(request, group, Option.empty()).counts())
                .forEach((ms, count) -> histogram.put((Integer) ms, ((Number) count).longValue()));
        Figures figures = new Figures(stats.count(), count(data, request, group, OK$.MODULE$),
                count(data, request, group, KO$.MODULE$), stats.meanRequestsPerSec(), latency, histogram);
        latency.put("min", stats.min());
        latency.put("mean", figures.mean());
        for (double p : PERCENTILES) {
            latency.put("p" + (int) p, figures.percentile(p));
        }
        latency.put("max", stats.max());
        return figures;
    }

    /** The reader's buffers, which LogFileData keeps private; the histogram behind the exact percentiles is there. */
    private static ResultsHolder resultsHolder(LogFileData data) {
        try {
            Field field = LogFileData.class.getDeclaredField("resultsHolder");
            field.setAccessible(true);
            return (ResultsHolder) field.get(data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Gatling's LogFileData has no resultsHolder; GatlingStats needs updating "
                    + "for the Gatling version in the pom", e);
        }
    }

    private static long count(LogFileData data, Option<String> request, Option<Group> group, Status status) {
        Option<GeneralStats> stats = data.requestGeneralStats(request, group, Option.apply(status));
        return stats.isDefined() ? stats.get().count() : 0;
    }
}
