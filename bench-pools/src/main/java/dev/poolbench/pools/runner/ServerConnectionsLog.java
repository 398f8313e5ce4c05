package dev.poolbench.pools.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.pool.PoolStats;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ServerConnectionPoints;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What each measured iteration's pool cost the server, as the forks saw it. Forks append one JSON
 * line per iteration to {@code server-connections.jsonl} in {@code bench.out}; the runner folds the
 * lines into {@code server-connections.json} ({@link ServerConnectionPoints}), one point per benchmark,
 * parameters and thread count.
 */
public final class ServerConnectionsLog {

    static final String LINES = "server-connections.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One measured iteration, as a fork appends it. */
    record Line(String benchmark, String mode, int threads, SortedMap<String, String> params, int samples, int peakTotal,
                double meanActive, double meanIdle, double meanTotal, long opened, long timeouts) {
    }

    private ServerConnectionsLog() {
    }

    /** Called in a fork at the end of a measured iteration; silent when not run by the runner. */
    public static void append(BenchmarkParams benchmark, int samples, int peakTotal, double meanActive,
                              double meanIdle, double meanTotal, PoolStats stats) {
        Settings settings = Settings.fromSystem();
        if (settings.string(BenchmarkRun.OUT).isEmpty()) {
            return;
        }
        SortedMap<String, String> params = new TreeMap<>();
        for (String key : benchmark.getParamsKeys()) {
            params.put(key, benchmark.getParam(key));
        }
        Line line = new Line(benchmark.getBenchmark(), benchmark.getMode().shortLabel(), benchmark.getThreads(), params,
                samples, peakTotal, meanActive, meanIdle, meanTotal, stats.opened(), stats.timeouts());
        Path file = Path.of(settings.string(BenchmarkRun.OUT).get(), LINES);
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Folds the fork lines into one point per benchmark, mode, parameters and threads: means over iterations. */
    static void fold(Path out) throws IOException {
        Path lines = out.resolve(LINES);
        if (!Files.exists(lines)) {
            return;
        }
        Map<String, List<Line>> byPoint = new LinkedHashMap<>();
        for (String text : Files.readAllLines(lines, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            Line line = JSON.readValue(text, Line.class);
            String key = line.benchmark() + "|" + line.mode() + "|" + line.threads() + "|" + line.params();
            byPoint.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        List<ServerConnectionPoints.Point> points = new ArrayList<>();
        for (List<Line> iterations : byPoint.values()) {
            Line first = iterations.get(0);
            points.add(new ServerConnectionPoints.Point(first.benchmark(), first.mode(), first.threads(), first.params(),
                    iterations.size(),
                    iterations.stream().mapToInt(Line::peakTotal).max().orElse(0),
                    iterations.stream().mapToDouble(Line::meanActive).average().orElse(0),
                    iterations.stream().mapToDouble(Line::meanIdle).average().orElse(0),
                    iterations.stream().mapToDouble(Line::meanTotal).average().orElse(0),
                    iterations.stream().mapToLong(Line::opened).sum(),
                    iterations.stream().mapToLong(Line::timeouts).sum()));
        }
        ResultFiles.write(out.resolve(ServerConnectionPoints.FORMAT.fileName()), ServerConnectionPoints.FORMAT,
                new ServerConnectionPoints(points));
    }
}
