package dev.poolbench.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.input.Formats;
import dev.poolbench.reports.input.GitInfo;
import dev.poolbench.reports.input.InputException;
import dev.poolbench.reports.input.Json;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.Faults;
import dev.poolbench.results.ServiceFaults;
import dev.poolbench.results.Sizing;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.PoolSizingPeaks;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ResultFormat;
import dev.poolbench.results.RunStatus;
import dev.poolbench.results.ServerConnectionPoints;

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

/** Reads a run artifact (format {@code poolbench-run/1}) into a {@link Run}, each embedded file through its record. */
public final class RunReader {

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

    /** The run in an artifact tree already known to be {@code poolbench-run/1}. */
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
                jmh.isObject(), jmhResults(jmh.path("results")), environment(jmh.get("environment"), "jmh.environment"),
                embedded(jmh.get("pgbench"), NativeCeiling.FORMAT, "jmh.pgbench"),
                serverConnections(jmh.get("serverConnections")).map(ServerConnectionPoints::points).orElse(List.of()),
                poolSizing(jmh.get("poolSizing")), embedded(jmh.get("runStatus"), RunStatus.FORMAT, "jmh.runStatus"),
                faults(jmh.get("faults")),
                load.isObject(), loadResults(load.path("results")), environment(load.get("environment"), "load.environment"),
                claims(load.get("claims")), serviceFaults(load.get("serviceFaults")),
                embedded(root.get("sizing"), Sizing.FORMAT, "sizing"), List.copyOf(notMeasured));
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
                    params, metric(r.get("primaryMetric")), secondary, r.path("forks").asInt(1)));
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

    static Optional<Environment> environment(JsonNode node, String where) {
        Optional<EnvironmentRecord> read = embedded(node, EnvironmentRecord.FORMAT, where);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        EnvironmentRecord e = read.get();
        EnvironmentRecord.Jdk jdk = e.jdk() == null ? new EnvironmentRecord.Jdk(null, null, null) : e.jdk();
        EnvironmentRecord.Os os = e.os() == null ? new EnvironmentRecord.Os(null, null, null) : e.os();
        EnvironmentRecord.DatabaseServer db = e.database() == null
                ? new EnvironmentRecord.DatabaseServer(null, null, null) : e.database();
        return Optional.of(new Environment(orElse(e.source(), "-"), orElse(e.recordedAt(), "-"),
                orElse(jdk.version(), "?") + " (" + orElse(jdk.vendor(), "?") + ", " + orElse(jdk.vm(), "?") + ")",
                orElse(os.name(), "?") + " " + orElse(os.version(), "") + " " + orElse(os.arch(), ""),
                e.cores(), e.memoryMb(), orElse(db.provider(), "-"), orElse(db.description(), "-"),
                strings(db.settings()), strings(e.parameters())));
    }

    /** Each value as the report shows it: a number, a word, or (a list, an object) its JSON. */
    private static Map<String, String> strings(Map<String, ?> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (values == null) {
            return shown;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = Json.MAPPER.valueToTree(values).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            shown.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
        }
        return shown;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The embedded file at {@code where} in the artifact, through its record; empty when the run had none. */
    private static <T> Optional<T> embedded(JsonNode node, ResultFormat<T> format, String where) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(ResultFiles.fromTree(node, format, where));
    }

    static Optional<ServerConnectionPoints> serverConnections(JsonNode s) {
        return embedded(s, ServerConnectionPoints.FORMAT, "jmh.serverConnections");
    }

    static Optional<PoolSizingPeaks> poolSizing(JsonNode p) {
        if (p == null || !p.isObject() || !p.has("cores")) {
            return Optional.empty();
        }
        return embedded(p, PoolSizingPeaks.FORMAT, "jmh.poolSizing");
    }

    static Optional<ClaimsRun> claims(JsonNode c) {
        if (c == null || !c.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new ClaimsRun(claimSummaries(c.path("results"), "load.claims.results"),
                embedded(c.get("calibration"), Calibration.FORMAT, "load.claims.calibration"),
                environment(c.get("environment"), "load.claims.environment"),
                claimSummaries(c.path("reference").path("results"), "load.claims.reference.results"), passes(c.path("passes")),
                repetitions(c.path("repetitions"))));
    }

    /** The claims run's second and later repetitions; none in a run.json written before them. */
    private static List<ClaimsRun.Repetition> repetitions(JsonNode repetitions) {
        List<ClaimsRun.Repetition> read = new ArrayList<>();
        int i = 0;
        for (JsonNode repetition : repetitions) {
            String where = "load.claims.repetitions[" + i++ + "]";
            read.add(new ClaimsRun.Repetition(repetition.path("repetition").asInt(),
                    claimSummaries(repetition.path("results"), where + ".results"),
                    claimSummaries(repetition.path("reference").path("results"), where + ".reference.results")));
        }
        return read;
    }

    /** The claims run's fixed-round-trip passes; none in a run.json written before them. */
    private static List<ClaimsRun.Pass> passes(JsonNode passes) {
        List<ClaimsRun.Pass> read = new ArrayList<>();
        int i = 0;
        for (JsonNode pass : passes) {
            String where = "load.claims.passes[" + i++ + "]";
            read.add(new ClaimsRun.Pass(pass.path("rttMs").asLong(), claimSummaries(pass.path("results"), where + ".results"),
                    claimSummaries(pass.path("reference").path("results"), where + ".reference.results")));
        }
        return read;
    }

    /** Summaries by run name ({@code baseline.json} is {@code baseline}); {@code where} names them in errors. */
    private static Map<String, LoadSummary> claimSummaries(JsonNode results, String where) {
        Map<String, LoadSummary> summaries = new LinkedHashMap<>();
        for (JsonNode entry : results) {
            String file = Json.text(entry, "file", "?");
            summaries.put(file.endsWith(".json") ? file.substring(0, file.length() - 5) : file,
                    ResultFiles.fromTree(entry.path("summary"), LoadSummary.FORMAT, where + "[" + file + "].summary"));
        }
        return summaries;
    }

    static Optional<Faults> faults(JsonNode f) {
        if (f == null || !f.isObject() || !f.has("outages")) {
            return Optional.empty();
        }
        return embedded(f, Faults.FORMAT, "jmh.faults");
    }

    /** load-runs' fault scenarios through the service, when that run had them. */
    static Optional<ServiceFaults> serviceFaults(JsonNode f) {
        if (f == null || !f.isObject()) {
            return Optional.empty();
        }
        return embedded(f, ServiceFaults.FORMAT, "load.serviceFaults");
    }

    static List<LoadSummaryFile> loadResults(JsonNode array) {
        List<LoadSummaryFile> results = new ArrayList<>();
        for (JsonNode entry : array) {
            String file = Json.text(entry, "file", "?");
            results.add(new LoadSummaryFile(file, Optional.ofNullable(Json.text(entry, "gatlingReportLink", null)),
                    ResultFiles.fromTree(entry.path("summary"), LoadSummary.FORMAT, "load.results[" + file + "].summary")));
        }
        return List.copyOf(results);
    }
}
