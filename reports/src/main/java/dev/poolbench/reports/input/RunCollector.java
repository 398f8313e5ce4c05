package dev.poolbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolbench.results.Calibration;
import dev.poolbench.results.EnvironmentRecord;
import dev.poolbench.results.Faults;
import dev.poolbench.results.LoadSummary;
import dev.poolbench.results.NativeCeiling;
import dev.poolbench.results.PoolSizingPeaks;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ResultFormat;
import dev.poolbench.results.RunStatus;
import dev.poolbench.results.ServerConnectionPoints;
import dev.poolbench.results.ServiceFaults;
import dev.poolbench.results.Sizing;

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
 * {@code poolbench-run/1}: each input read through its record and copied whole (secrets masked), so the
 * artifact still means the same thing after it has been copied away from the files it came from. An
 * input that is absent is recorded as not measured; an input that is present but broken stops the run
 * with one line.
 */
public final class RunCollector {

    static final String JMH_RESULTS = "results.json";
    static final String CLAIMS = "claims";
    /** load-runs' fault scenarios through the service: {@code faults/service-faults.json}. */
    static final String SERVICE_FAULTS = "faults";
    /** The claims run's reference-stack summaries: {@code claims/reference/}. */
    static final String REFERENCE = "reference";
    /** A claims run's later repetitions: {@code claims/r2/}, {@code claims/reference/r2/}, ... (load-runs' ClaimsLoadRun). */
    static final String REPETITION = "r";

    /** bench-pools' sizing run's folder beside its JMH results: {@code bench-pools/target/sizing}. */
    public static final String SIZING = "sizing";

    private final Path jmhDir;
    private final Path loadDir;
    private final Path reportDir;
    private final Path sizingDir;

    /** {@code reportDir} is where index.html will be: links to Gatling's reports are made relative to it. */
    public RunCollector(Path jmhDir, Path loadDir, Path reportDir) {
        this(jmhDir, loadDir, reportDir, jmhDir.toAbsolutePath().normalize().resolveSibling(SIZING));
    }

    /** As above, with the sizing run's {@code sizing.json} read from {@code sizingDir}. */
    public RunCollector(Path jmhDir, Path loadDir, Path reportDir, Path sizingDir) {
        this.jmhDir = jmhDir.toAbsolutePath().normalize();
        this.loadDir = loadDir.toAbsolutePath().normalize();
        this.reportDir = reportDir.toAbsolutePath().normalize();
        this.sizingDir = sizingDir.toAbsolutePath().normalize();
    }

    public ObjectNode collect(Optional<GitInfo> git, Instant createdAt, String toolVersion) {
        ObjectNode run = Json.object();
        run.put("format", Formats.RUN.id());
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
        // a run of its own (SizingRun), so its absence is not news: the section says so where it would be
        run.set("sizing", optional(sizingDir, Sizing.FORMAT));
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
        jmh.set("environment", optional(jmhDir, EnvironmentRecord.FORMAT));
        jmh.set("pgbench", optional(jmhDir, NativeCeiling.FORMAT));
        jmh.set("serverConnections", optional(jmhDir, ServerConnectionPoints.FORMAT));
        jmh.set("poolSizing", optional(jmhDir, PoolSizingPeaks.FORMAT));
        jmh.set("runStatus", optional(jmhDir, RunStatus.FORMAT));
        jmh.set("faults", optional(jmhDir, Faults.FORMAT));
        return jmh;
    }

    private JsonNode load(ArrayNode notMeasured) {
        List<Path> files = loadResultFiles(loadDir);
        Path claimsDir = loadDir.resolve(CLAIMS);
        List<Path> claimFiles = loadResultFiles(claimsDir);
        List<Path> referenceFiles = loadResultFiles(claimsDir.resolve(REFERENCE));
        JsonNode serviceFaults = optional(loadDir.resolve(SERVICE_FAULTS), ServiceFaults.FORMAT);
        if (files.isEmpty() && claimFiles.isEmpty() && referenceFiles.isEmpty() && serviceFaults.isNull()) {
            notMeasured.add("Load scenarios (load-runs): no result files in " + loadDir);
            return Json.MAPPER.nullNode();
        }
        ObjectNode load = Json.object();
        load.put("from", loadDir.toString());
        load.set("results", summaries(files));
        load.set("environment", optional(loadDir, EnvironmentRecord.FORMAT));
        if (claimFiles.isEmpty() && referenceFiles.isEmpty()) {
            load.putNull("claims");
        } else {
            ObjectNode claims = load.putObject("claims");
            claims.set("results", summaries(claimFiles));
            claims.set("calibration", optional(claimsDir, Calibration.FORMAT));
            claims.set("environment", optional(claimsDir, EnvironmentRecord.FORMAT));
            if (!referenceFiles.isEmpty()) {
                // only when the reference stack ran, so a run of the Java service alone reads as before
                claims.putObject(REFERENCE).set("results", summaries(referenceFiles));
            }
            ArrayNode repetitions = repetitions(claimsDir);
            if (!repetitions.isEmpty()) {
                // only when there were more, so a run of one repetition reads as before
                claims.set("repetitions", repetitions);
            }
            ArrayNode passes = Json.MAPPER.createArrayNode();
            for (Path pass : fixedRoundTripPasses(claimsDir)) {
                ObjectNode entry = passes.addObject();
                entry.put("rttMs", passRttMs(pass));
                entry.set("results", summaries(loadResultFiles(pass)));
                entry.putObject(REFERENCE).set("results", summaries(loadResultFiles(pass.resolve(REFERENCE))));
            }
            if (!passes.isEmpty()) {
                claims.set("passes", passes);
            }
        }
        load.set("serviceFaults", serviceFaults);
        return load;
    }

    /**
     * The second and later repetitions of the claims runs ({@code claims/r2/}, {@code claims/reference/r2/}, ...),
     * by repetition number: each with its Java service's summaries and, when that stack ran, the reference stack's.
     */
    private ArrayNode repetitions(Path claimsDir) {
        java.util.SortedSet<Integer> numbers = new java.util.TreeSet<>(repetitionNumbers(claimsDir));
        numbers.addAll(repetitionNumbers(claimsDir.resolve(REFERENCE)));
        ArrayNode repetitions = Json.MAPPER.createArrayNode();
        for (int number : numbers) {
            ObjectNode entry = repetitions.addObject();
            entry.put("repetition", number);
            entry.set("results", summaries(loadResultFiles(claimsDir.resolve(REPETITION + number))));
            List<Path> reference = loadResultFiles(claimsDir.resolve(REFERENCE).resolve(REPETITION + number));
            if (!reference.isEmpty()) {
                entry.putObject(REFERENCE).set("results", summaries(reference));
            }
        }
        return repetitions;
    }

    /** The repetitions whose folders ({@code r2}, {@code r3}, ...) are in {@code dir}. */
    private static List<Integer> repetitionNumbers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> name.matches(REPETITION + "\\d+"))
                    .map(name -> Integer.parseInt(name.substring(REPETITION.length()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The round trip a fixed-round-trip pass's folder names: 20 for {@code rtt-20ms}. */
    private static long passRttMs(Path pass) {
        return Long.parseLong(pass.getFileName().toString().replaceAll("\\D", ""));
    }

    /** The claims run's passes at a fixed round trip: {@code claims/rtt-<ms>ms/}, shortest round trip first. */
    private static List<Path> fixedRoundTripPasses(Path claimsDir) {
        if (!Files.isDirectory(claimsDir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> entries = Files.list(claimsDir)) {
            return entries.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches("rtt-\\d+ms"))
                    .sorted(java.util.Comparator.comparingLong(RunCollector::passRttMs))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each load summary with its file name (the claims' configuration names) and its Gatling report's link. */
    private ArrayNode summaries(List<Path> files) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (Path file : files) {
            LoadSummary summary = Formats.read(file, LoadSummary.FORMAT);
            ObjectNode entry = results.addObject();
            entry.put("file", file.getFileName().toString());
            entry.set("gatlingReportLink", gatlingLink(file.getParent(), summary));
            entry.set("summary", Secrets.scrub(ResultFiles.toTree(LoadSummary.FORMAT, summary)));
        }
        return results;
    }

    private static List<Path> loadResultFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals(EnvironmentRecord.FORMAT.fileName()))
                    .filter(f -> !f.getFileName().toString().equals(Calibration.FORMAT.fileName()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Gatling report as a path relative to the report, when it exists; null otherwise. */
    private JsonNode gatlingLink(Path summaryDir, LoadSummary summary) {
        String given = summary.gatlingReport();
        if (given == null) {
            return Json.MAPPER.nullNode();
        }
        Path target = summaryDir.resolve(given).normalize();
        if (!Files.isRegularFile(target)) {
            return Json.MAPPER.nullNode();
        }
        return Json.MAPPER.getNodeFactory().textNode(reportDir.relativize(target).toString().replace('\\', '/'));
    }

    /** The file of {@code format} in {@code dir}, through its record; null when there is none. */
    private static <T> JsonNode optional(Path dir, ResultFormat<T> format) {
        Path file = dir.resolve(format.fileName());
        if (!Files.isRegularFile(file)) {
            return Json.MAPPER.nullNode();
        }
        return Secrets.scrub(ResultFiles.toTree(format, Formats.read(file, format)));
    }
}
