package dev.poolbench.pools.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolbench.core.config.Settings;
import dev.poolbench.core.pool.PoolStats;
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
import java.util.TreeMap;

/**
 * What each measured iteration's pool cost the server, as the forks saw it. Forks append one JSON
 * line per iteration to {@code server-connections.jsonl} in {@code bench.out}; the runner folds the
 * lines into {@code server-connections.json} (format {@value #FORMAT}), one point per benchmark,
 * parameters and thread count.
 */
public final class ServerConnectionsLog {

    public static final String FORMAT = "poolbench-server-connections/1";
    static final String LINES = "server-connections.jsonl";
    static final String FILE = "server-connections.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerConnectionsLog() {
    }

    /** Called in a fork at the end of a measured iteration; silent when not run by the runner. */
    public static void append(BenchmarkParams benchmark, int samples, int peakTotal, double meanActive,
                              double meanIdle, double meanTotal, PoolStats stats) {
        Settings settings = Settings.fromSystem();
        if (settings.string(BenchmarkRun.OUT).isEmpty()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("benchmark", benchmark.getBenchmark());
        line.put("mode", benchmark.getMode().shortLabel());
        line.put("threads", benchmark.getThreads());
        Map<String, String> params = new TreeMap<>();
        for (String key : benchmark.getParamsKeys()) {
            params.put(key, benchmark.getParam(key));
        }
        line.put("params", params);
        line.put("samples", samples);
        line.put("peakTotal", peakTotal);
        line.put("meanActive", meanActive);
        line.put("meanIdle", meanIdle);
        line.put("meanTotal", meanTotal);
        line.put("opened", stats.opened());
        line.put("timeouts", stats.timeouts());
        Path file = Path.of(settings.string(BenchmarkRun.OUT).get(), LINES);
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Folds the fork lines into one point per benchmark, mode, parameters and threads: means over iterations. */
    @SuppressWarnings("unchecked")
    static void fold(Path out) throws IOException {
        Path lines = out.resolve(LINES);
        if (!Files.exists(lines)) {
            return;
        }
        Map<String, List<Map<String, Object>>> byPoint = new LinkedHashMap<>();
        for (String text : Files.readAllLines(lines, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> line = JSON.readValue(text, Map.class);
            String key = line.get("benchmark") + "|" + line.get("mode") + "|" + line.get("threads") + "|" + line.get("params");
            byPoint.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (List<Map<String, Object>> iterations : byPoint.values()) {
            Map<String, Object> first = iterations.get(0);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("benchmark", first.get("benchmark"));
            point.put("mode", first.get("mode"));
            point.put("threads", first.get("threads"));
            point.put("params", first.get("params"));
            point.put("iterations", iterations.size());
            point.put("peakTotal", iterations.stream().mapToInt(i -> ((Number) i.get("peakTotal")).intValue()).max().orElse(0));
            for (String field : List.of("meanActive", "meanIdle", "meanTotal")) {
                point.put(field, iterations.stream().mapToDouble(i -> ((Number) i.get(field)).doubleValue()).average().orElse(0));
            }
            point.put("opened", iterations.stream().mapToLong(i -> ((Number) i.get("opened")).longValue()).sum());
            point.put("timeouts", iterations.stream().mapToLong(i -> ((Number) i.get("timeouts")).longValue()).sum());
            points.add(point);
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", FORMAT);
        file.put("points", points);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(FILE).toFile(), file);
    }
}
