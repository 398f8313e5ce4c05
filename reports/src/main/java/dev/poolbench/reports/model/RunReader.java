package dev.poolbench.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.input.Formats;
import dev.poolbench.reports.input.GitInfo;
import dev.poolbench.reports.input.InputException;
import dev.poolbench.reports.input.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads a run artifact (format {@value Formats#RUN}) into a {@link Run}. */
public final class RunReader {

    private static final List<String> LATENCY_ORDER = List.of("min", "mean", "p50", "p75", "p95", "p99", "max");

    private RunReader() {
    }

    /** The run in {@code file}; a missing file, another kind of file or another format version is one line. */
    public static Run read(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": no such file");
        }
        JsonNode root = Json.read(file);
        Formats.require(root, Formats.RUN, file);
        try {
            return of(root);
        } catch (RuntimeException e) {
            if (e instanceof InputException) {
                throw e;
            }
            throw new InputException(file + ": a damaged run artifact (" + e.getMessage() + ")", e);
        }
    }

    /** The run in an artifact tree already known to be {@value Formats#RUN}. */
    public static Run of(JsonNode root) {
        Instant createdAt = instant(root.get("createdAt"));
        Optional<GitInfo> git = Optional.ofNullable(root.get("git"))
                .filter(JsonNode::isObject)
                .map(g -> new GitInfo(g.get("commit").asText(), g.path("dirty").asBoolean(false)));
        JsonNode jmh = root.path("jmh");
        JsonNode load = root.path("load");
        List<String> notMeasured = new ArrayList<>();
        root.path("notMeasured").forEach(n -> notMeasured.add(n.asText()));
        return new Run(createdAt, Json.text(root, "toolVersion", "unknown"), git,
                jmh.isObject(), jmhResults(jmh.path("results")), environment(jmh.get("environment")),
                nativeCeiling(jmh.get("pgbench")), serverConnections(jmh.get("serverConnections")),
                poolSizing(jmh.get("poolSizing")), runStatus(jmh.get("runStatus")), faults(jmh.get("faults")),
                load.isObject(), loadResults(load.path("results")), environment(load.get("environment")),
                claims(load.get("claims")),
                List.copyOf(notMeasured));
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("no createdAt");
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt '" + node.asText() + "' is not an ISO-8601 instant");
        }
    }

    static List<JmhResult> jmhResults(JsonNode array) {
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode r : array) {
            SortedMap<String, String> params = new TreeMap<>();
            r.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            Map<String, Metric> secondary = new LinkedHashMap<>();
            r.path("secondaryMetrics").fields().forEachRemaining(m -> secondary.put(m.getKey(), metric(m.getValue())));
            results.add(new JmhResult(r.get("benchmark").asText(), r.get("mode").asText(), r.path("threads").asInt(1),
                    params, metric(r.get("primaryMetric")), secondary));
        }
        return List.copyOf(results);
    }

    static Metric metric(JsonNode m) {
        double score = Json.number(m, "score");
        JsonNode ci = m.path("scoreConfidence");
        double low = ci.size() == 2 ? Json.number(ci.get(0)) : Double.NaN;
        double high = ci.size() == 2 ? Json.number(ci.get(1)) : Double.NaN;
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        m.path("scorePercentiles").fields()
                .forEachRemaining(p -> percentiles.put(Double.parseDouble(p.getKey()), Json.number(p.getValue())));
        double[] iterations;
        double[] p99s = new double[0];
        if (m.has("rawDataHistogram")) {
            List<double[][]> histograms = new ArrayList<>();
            for (JsonNode fork : m.get("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    histograms.add(histogram(iteration));
                }
            }
            iterations = histograms.stream().mapToDouble(Histograms::mean).toArray();
            p99s = histograms.stream().mapToDouble(h -> Histograms.percentile(h, 0.99)).toArray();
        } else {
            List<Double> values = new ArrayList<>();
            for (JsonNode fork : m.path("rawData")) {
                fork.forEach(v -> values.add(Json.number(v)));
            }
            iterations = values.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Metric(score, Json.number(m, "scoreError"), low, high, Json.text(m, "scoreUnit", ""),
                percentiles, iterations, p99s);
    }

    private static double[][] histogram(JsonNode iteration) {
        double[][] pairs = new double[iteration.size()][];
        for (int i = 0; i < iteration.size(); i++) {
            pairs[i] = new double[] {Json.number(iteration.get(i).get(0)), Json.number(iteration.get(i).get(1))};
        }
        Arrays.sort(pairs, (a, b) -> Double.compare(a[0], b[0]));
        return pairs;
    }

    static Optional<Environment> environment(JsonNode e) {
        if (e == null || !e.isObject()) {
            return Optional.empty();
        }
        JsonNode jdk = e.path("jdk");
        JsonNode os = e.path("os");
        JsonNode db = e.path("database");
        return Optional.of(new Environment(Json.text(e, "source", "-"), Json.text(e, "recordedAt", "-"),
                Json.text(jdk, "version", "?") + " (" + Json.text(jdk, "vendor", "?") + ", " + Json.text(jdk, "vm", "?") + ")",
                Json.text(os, "name", "?") + " " + Json.text(os, "version", "") + " " + Json.text(os, "arch", ""),
                e.path("cores").asInt(0), e.path("memoryMb").asLong(-1),
                Json.text(db, "provider", "-"), Json.text(db, "description", "-"),
                strings(db.path("settings")), strings(e.path("parameters"))));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            values.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
        }
        return values;
    }

    static Optional<NativeCeiling> nativeCeiling(JsonNode p) {
        if (p == null || !p.isObject()) {
            return Optional.empty();
        }
        List<NativeCeiling.Point> points = new ArrayList<>();
        for (JsonNode r : p.path("points")) {
            double[] tps = new double[r.path("tps").size()];
            for (int i = 0; i < tps.length; i++) {
                tps[i] = Json.number(r.path("tps").get(i));
            }
            points.add(new NativeCeiling.Point(r.path("clients").asInt(), r.path("threads").asInt(),
                    Json.number(r, "seconds"), tps, Json.number(r, "meanTps")));
        }
        return Optional.of(new NativeCeiling(Json.text(p, "script", "-"), Json.text(p, "protocol", "-"),
                Json.text(p, "pgbenchVersion", "?"), List.copyOf(points)));
    }

    static List<ServerConnectionPoint> serverConnections(JsonNode s) {
        List<ServerConnectionPoint> points = new ArrayList<>();
        if (s == null || !s.isObject()) {
            return points;
        }
        for (JsonNode p : s.path("points")) {
            SortedMap<String, String> params = new TreeMap<>();
            p.path("params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
            points.add(new ServerConnectionPoint(Json.text(p, "benchmark", "-"), Json.text(p, "mode", "-"),
                    p.path("threads").asInt(1), params, p.path("peakTotal").asInt(), Json.number(p, "meanActive"),
                    Json.number(p, "meanIdle"), Json.number(p, "meanTotal"), p.path("opened").asLong(),
                    p.path("timeouts").asLong()));
        }
        return List.copyOf(points);
    }

    static Optional<PoolSizingFormula> poolSizing(JsonNode p) {
        if (p == null || !p.isObject() || !p.has("cores")) {
            return Optional.empty();
        }
        return Optional.of(new PoolSizingFormula(p.get("cores").asInt(), p.path("spindles").asInt()));
    }

    static Optional<RunStatus> runStatus(JsonNode s) {
        if (s == null || !s.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new RunStatus(s.path("complete").asBoolean(), s.path("interrupted").asBoolean(),
                s.path("plannedJmhRuns").asInt(), s.path("finishedJmhRuns").asInt()));
    }

    static Optional<ClaimsRun> claims(JsonNode c) {
        if (c == null || !c.isObject()) {
            return Optional.empty();
        }
        Map<String, JsonNode> summaries = new LinkedHashMap<>();
        for (JsonNode entry : c.path("results")) {
            String file = Json.text(entry, "file", "?");
            summaries.put(file.endsWith(".json") ? file.substring(0, file.length() - 5) : file, entry.path("summary"));
        }
        JsonNode calibration = c.get("calibration");
        return Optional.of(new ClaimsRun(summaries, Optional.ofNullable(calibration).filter(JsonNode::isObject),
                environment(c.get("environment"))));
    }

    static Optional<Faults> faults(JsonNode f) {
        if (f == null || !f.isObject() || !f.has("outages")) {
            return Optional.empty();
        }
        List<Faults.Outage> outages = new ArrayList<>();
        for (JsonNode o : f.path("outages")) {
            List<String> errors = new ArrayList<>();
            o.path("sampleErrors").forEach(e -> errors.add(e.asText()));
            outages.add(new Faults.Outage(o.path("pool").asText(), o.path("when").asText(), o.path("prePing").asBoolean(),
                    o.path("callsBefore").asLong(), o.path("errorsBefore").asLong(), o.path("callsDuringOutage").asLong(),
                    o.path("errorsDuringOutage").asLong(), o.path("slowestCallDuringOutageMs").asLong(),
                    o.path("errorsAfterReturn").asLong(), nullableLong(o.get("firstSuccessMs")),
                    o.path("recovered").asBoolean(), o.path("hung").asInt(), List.copyOf(errors)));
        }
        List<Faults.Freeze> freezes = new ArrayList<>();
        for (JsonNode z : f.path("freezes")) {
            freezes.add(new Faults.Freeze(z.path("pool").asText(), z.path("callsDuringFreeze").asLong(),
                    z.path("poolTimeouts").asLong(), z.path("slowestPoolTimeoutMs").asLong(), z.path("otherErrors").asLong(),
                    z.path("slowestCallMs").asLong(), z.path("hung").asInt(), nullableLong(z.get("firstSuccessAfterThawMs")),
                    z.path("recovered").asBoolean()));
        }
        List<Faults.Leak> leaks = new ArrayList<>();
        for (JsonNode l : f.path("leaks")) {
            leaks.add(new Faults.Leak(l.path("pool").asText(), l.path("thresholdMs").asLong(), l.path("leaked").asInt(),
                    l.path("reported").asInt(), l.path("culprit").isNull() ? null : l.path("culprit").asText(),
                    nullableLong(l.get("detectedAfterMs"))));
        }
        List<Faults.LostWrites> lostWrites = new ArrayList<>();
        for (JsonNode w : f.path("lostWrites")) {
            lostWrites.add(new Faults.LostWrites(w.path("pool").asText(), w.path("writers").asInt(), w.path("readers").asInt(),
                    w.path("requests").asInt(), w.path("committed").asLong(), w.path("rolledBack").asLong(),
                    w.path("lost").asLong(), w.path("wronglyKept").asLong(), w.path("failed").asLong()));
        }
        return Optional.of(new Faults(f.path("outageMs").asLong(), f.path("freezeMs").asLong(),
                f.path("poolTimeoutMs").asLong(), f.path("socketTimeoutMs").asLong(),
                List.copyOf(outages), List.copyOf(freezes), List.copyOf(leaks), List.copyOf(lostWrites)));
    }

    private static Long nullableLong(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    static List<LoadResult> loadResults(JsonNode array) {
        List<LoadResult> results = new ArrayList<>();
        for (JsonNode entry : array) {
            JsonNode s = entry.path("summary");
            JsonNode requests = s.path("requests");
            Map<String, Double> latency = new LinkedHashMap<>();
            for (String key : LATENCY_ORDER) {
                if (s.path("latencyMs").has(key)) {
                    latency.put(key, Json.number(s.path("latencyMs"), key));
                }
            }
            List<LoadResult.ErrorCount> errors = new ArrayList<>();
            s.path("errors").forEach(e -> errors.add(new LoadResult.ErrorCount(Json.text(e, "message", "?"), e.path("count").asLong())));
            results.add(new LoadResult(Json.text(entry, "file", "?"), Json.text(s, "simulation", "?"),
                    Json.text(s, "configuration", "?"), Json.text(s.path("service"), "label", Json.text(s, "configuration", "?")),
                    requests.path("total").asLong(), requests.path("ok").asLong(), requests.path("ko").asLong(),
                    Json.number(s, "successRate"), Json.number(s, "throughputRps"), latency, List.copyOf(errors),
                    peak(s.path("poolSamples")), Optional.ofNullable(Json.text(entry, "gatlingReportLink", null))));
        }
        return List.copyOf(results);
    }

    private static Optional<LoadResult.ServerPeak> peak(JsonNode samples) {
        if (!samples.isArray() || samples.isEmpty()) {
            return Optional.empty();
        }
        int active = 0;
        int waiting = 0;
        int serverActive = 0;
        int serverIdle = 0;
        int serverTotal = 0;
        for (JsonNode s : samples) {
            active = Math.max(active, s.path("active").asInt());
            waiting = Math.max(waiting, s.path("waiting").asInt());
            serverActive = Math.max(serverActive, s.path("serverActive").asInt());
            serverIdle = Math.max(serverIdle, s.path("serverIdle").asInt());
            serverTotal = Math.max(serverTotal, s.path("serverTotal").asInt());
        }
        return Optional.of(new LoadResult.ServerPeak(active, waiting, serverActive, serverIdle, serverTotal));
    }
}
