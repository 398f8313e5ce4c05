package dev.poolbench.load.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of one simulation run, format {@value #FORMAT} as {@code docs/result-files.md} specifies it:
 * service configuration, load, requests, OK/KO, throughput, latency percentiles overall and per request
 * name, Gatling's error messages, and the pool samples taken while it ran.
 */
final class LoadResult {

    static final String FORMAT = "poolbench-load-result/1";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoadResult() {
    }

    static Map<String, Object> summary(String simulation, String configuration, Map<String, Object> service,
                                       Map<String, Object> load, GatlingStats.RunStats stats,
                                       List<Map<String, Object>> poolSamples, String gatlingReport) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", FORMAT);
        summary.put("simulation", simulation);
        summary.put("configuration", configuration);
        summary.put("service", service);
        summary.put("load", load);
        summary.put("startedAt", stats.startedAt().toString());
        summary.put("endedAt", stats.endedAt().toString());
        summary.put("requests", requests(stats.all()));
        summary.put("successRate", stats.all().total() == 0 ? 0.0 : (double) stats.all().ok() / stats.all().total());
        summary.put("throughputRps", stats.all().throughputRps());
        summary.put("latencyMs", stats.all().latencyMs());
        List<Map<String, Object>> byRequest = new ArrayList<>();
        stats.byRequest().forEach((name, figures) -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", name);
            request.put("requests", requests(figures));
            request.put("throughputRps", figures.throughputRps());
            request.put("latencyMs", figures.latencyMs());
            byRequest.add(request);
        });
        summary.put("byRequest", byRequest);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (GatlingStats.Error error : stats.errors()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", error.message());
            e.put("count", error.count());
            errors.add(e);
        }
        summary.put("errors", errors);
        summary.put("poolSamples", poolSamples);
        summary.put("gatlingReport", gatlingReport);
        return summary;
    }

    static void write(Path file, Map<String, Object> content) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), content);
    }

    private static Map<String, Object> requests(GatlingStats.Figures figures) {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", figures.total());
        requests.put("ok", figures.ok());
        requests.put("ko", figures.ko());
        return requests;
    }
}
