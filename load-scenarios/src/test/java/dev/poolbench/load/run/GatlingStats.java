package dev.poolbench.load.run;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.StatsPath;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.stats.ErrorStats;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run's numbers, read from its {@code simulation.log} by Gatling's own reader, the code that
 * computes the HTML report's tables: the same counts, percentiles and throughput, only unrounded.
 * Gatling 3.13+ writes no JSON of its own; this is the one place that knows Gatling's internals.
 */
public final class GatlingStats {

    /** The percentiles the summary carries (Gatling's default indicators, as gatling.conf leaves them). */
    static final double[] PERCENTILES = {50, 75, 95, 99};

    private GatlingStats() {
    }

    /** Counts, latencies and throughput of all requests or one request name. */
    public record Figures(long total, long ok, long ko, double throughputRps, Map<String, Number> latencyMs) {
    }

    public record Error(String message, long count) {
    }

    public record RunStats(String simulationClass, Instant startedAt, Instant endedAt, Figures all,
                           Map<String, Figures> byRequest, List<Error> errors) {
    }

    public static RunStats read(Path runDirectory) {
        GatlingConfiguration configuration = GatlingConfiguration.load();
        LogFileData data = new LogFileReader(runDirectory.resolve("simulation.log").toFile(), configuration).read();
        Map<String, Figures> byRequest = new LinkedHashMap<>();
        for (StatsPath path : CollectionConverters.asJava(data.statsPaths())) {
            if (path instanceof RequestStatsPath) {
                RequestStatsPath request = (RequestStatsPath) path;
                byRequest.put(request.request(), figures(data, Option.apply(request.request()), request.group()));
            }
        }
        List<Error> errors = new ArrayList<>();
        for (ErrorStats error : CollectionConverters.asJava(data.errors(Option.empty(), Option.empty()))) {
            errors.add(new Error(error.message(), error.count()));
        }
        return new RunStats(data.runInfo().simulationClassName(), Instant.ofEpochMilli(data.runInfo().runStart()),
                Instant.ofEpochMilli(data.runInfo().injectEnd()), figures(data, Option.empty(), Option.empty()),
                byRequest, errors);
    }

    /** Latencies over all requests, OK and KO alike, as the report's table and Gatling's assertions take them. */
    private static Figures figures(LogFileData data, Option<String> request, Option<Group> group) {
        Option<GeneralStats> all = data.requestGeneralStats(request, group, Option.empty());
        Map<String, Number> latency = new LinkedHashMap<>();
        if (all.isEmpty()) {
            return new Figures(0, 0, 0, 0.0, latency);
        }
        GeneralStats stats = all.get();
        latency.put("min", stats.min());
        latency.put("mean", stats.mean());
        for (double p : PERCENTILES) {
            latency.put("p" + (int) p, (Number) stats.percentile().apply(p));
        }
        latency.put("max", stats.max());
        return new Figures(stats.count(), count(data, request, group, OK$.MODULE$), count(data, request, group, KO$.MODULE$),
                stats.meanRequestsPerSec(), latency);
    }

    private static long count(LogFileData data, Option<String> request, Option<Group> group, Status status) {
        Option<GeneralStats> stats = data.requestGeneralStats(request, group, Option.apply(status));
        return stats.isDefined() ? stats.get().count() : 0;
    }
}
