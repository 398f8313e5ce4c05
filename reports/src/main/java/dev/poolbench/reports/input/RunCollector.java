package dev.poolbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gathers the other modules' result files (docs/result-files.md) into one run artifact tree, format
 * {@value Formats#RUN}: the inputs copied whole (secrets masked), so the artifact still means the
 * same thing after it has been copied away from the files it came from. An input that is absent is
 * recorded as not measured; an input that is present but broken stops the run with one line.
 */
public final class RunCollector {

    static final String JMH_RESULTS = "results.json";
    static final String ENVIRONMENT = "environment.json";
    static final String PGBENCH = "pgbench.json";
    static final String SERVER_CONNECTIONS = "server-connections.json";
    static final String POOL_SIZING = "pool-sizing.json";
    static final String RUN_STATUS = "run-status.json";
    static final String FAULTS = "faults.json";
    static final String CLAIMS = "claims";
    static final String CALIBRATION = "calibration.json";

    private final Path jmhDir;
    private final Path loadDir;
    private final Path reportDir;

    /** {@code reportDir} is where index.html will be: links to Gatling's reports are made relative to it. */
    public RunCollector(Path jmhDir, Path loadDir, Path reportDir) {
        this.jmhDir = jmhDir.toAbsolutePath().normalize();
        this.loadDir = loadDir.toAbsolutePath().normalize();
        this.reportDir = reportDir.toAbsolutePath().normalize();
    }

    public ObjectNode collect(Optional<GitInfo> git, Instant createdAt, String toolVersion) {
        ObjectNode run = Json.object();
        run.put("format", Formats.RUN);
        run.put("createdAt", createdAt.toString());
        run.put("toolVersion", toolVersion);
        if (git.isPresent()) {
            ObjectNode g = run.putObject("git");
            g.put("commit", git.get().commit());
            g.put("dirty", git.get().dirty());
        } else {
            run.putNull("git");
        }
        ArrayNode notMeasured = Json.MAPPER.createArrayNode();
        run.set("jmh", jmh(notMeasured));
        run.set("load", load(notMeasured));
        run.set("notMeasured", notMeasured);
        return run;
    }

    private JsonNode jmh(ArrayNode notMeasured) {
        Path results = jmhDir.resolve(JMH_RESULTS);
        if (!Files.isRegularFile(results)) {
            notMeasured.add("JMH benchmarks (bench-pools): no " + JMH_RESULTS + " in " + jmhDir);
            return Json.MAPPER.nullNode();
        }
        JsonNode array = JmhJson.require(Json.read(results), results);
        if (array.isEmpty()) {
            notMeasured.add("JMH benchmarks (bench-pools): " + results + " holds no results");
        }
        ObjectNode jmh = Json.object();
        jmh.put("from", jmhDir.toString());
        jmh.set("results", Secrets.scrub(array));
        jmh.set("environment", optional(jmhDir.resolve(ENVIRONMENT), Formats.ENVIRONMENT));
        jmh.set("pgbench", optional(jmhDir.resolve(PGBENCH), Formats.PGBENCH));
        jmh.set("serverConnections", optional(jmhDir.resolve(SERVER_CONNECTIONS), Formats.SERVER_CONNECTIONS));
        jmh.set("poolSizing", optional(jmhDir.resolve(POOL_SIZING), Formats.POOL_SIZING));
        jmh.set("runStatus", optional(jmhDir.resolve(RUN_STATUS), Formats.RUN_STATUS));
        jmh.set("faults", optional(jmhDir.resolve(FAULTS), Formats.FAULTS));
        return jmh;
    }

    private JsonNode load(ArrayNode notMeasured) {
        List<Path> files = loadResultFiles(loadDir);
        Path claimsDir = loadDir.resolve(CLAIMS);
        List<Path> claimFiles = loadResultFiles(claimsDir);
        if (files.isEmpty() && claimFiles.isEmpty()) {
            notMeasured.add("Load scenarios (load-runs): no result files in " + loadDir);
            return Json.MAPPER.nullNode();
        }
        ObjectNode load = Json.object();
        load.put("from", loadDir.toString());
        load.set("results", summaries(files));
        load.set("environment", optional(loadDir.resolve(ENVIRONMENT), Formats.ENVIRONMENT));
        if (claimFiles.isEmpty()) {
            load.putNull("claims");
        } else {
            ObjectNode claims = load.putObject("claims");
            claims.set("results", summaries(claimFiles));
            claims.set("calibration", optional(claimsDir.resolve(CALIBRATION), Formats.CALIBRATION));
            claims.set("environment", optional(claimsDir.resolve(ENVIRONMENT), Formats.ENVIRONMENT));
        }
        return load;
    }

    /** Each load summary with its file name (the claims' configuration names) and its Gatling report's link. */
    private ArrayNode summaries(List<Path> files) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (Path file : files) {
            JsonNode summary = Formats.require(Json.read(file), Formats.LOAD_RESULT, file);
            ObjectNode entry = results.addObject();
            entry.put("file", file.getFileName().toString());
            entry.set("gatlingReportLink", gatlingLink(file.getParent(), summary));
            entry.set("summary", Secrets.scrub(summary));
        }
        return results;
    }

    private static List<Path> loadResultFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals(ENVIRONMENT))
                    .filter(f -> !f.getFileName().toString().equals(CALIBRATION))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Gatling report as a path relative to the report, when it exists; null otherwise. */
    private JsonNode gatlingLink(Path summaryDir, JsonNode summary) {
        String given = Json.text(summary, "gatlingReport", null);
        if (given == null) {
            return Json.MAPPER.nullNode();
        }
        Path target = summaryDir.resolve(given).normalize();
        if (!Files.isRegularFile(target)) {
            return Json.MAPPER.nullNode();
        }
        return Json.MAPPER.getNodeFactory().textNode(reportDir.relativize(target).toString().replace('\\', '/'));
    }

    private static JsonNode optional(Path file, String format) {
        if (!Files.isRegularFile(file)) {
            return Json.MAPPER.nullNode();
        }
        return Secrets.scrub(Formats.require(Json.read(file), format, file));
    }
}
