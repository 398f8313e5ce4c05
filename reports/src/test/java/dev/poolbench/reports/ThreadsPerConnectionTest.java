package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.poolbench.pools.Query;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.InProcessJmh;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.Fmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Threads per connection section shows real Query points at one and at four threads per connection, against the queue pool. */
class ThreadsPerConnectionTest {

    private static final String[] STRATEGIES = {"queue", "hikari"};

    @Test
    void showsEachPoolAsCallersOutnumberItsConnections(@TempDir Path dir) throws Exception {
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        ArrayNode all = Json.MAPPER.createArrayNode();
        InProcessJmh.againstTestDatabase(dir, () -> {
            for (int threads : new int[] {2, 8}) {
                Path result = jmh.resolve("query-" + threads + ".json");
                run(threads, result);
                all.addAll((ArrayNode) Json.read(result));
            }
        });
        Json.write(jmh.resolve("results.json"), all);

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("## Threads per connection");
        for (int threads : new int[] {2, 8}) {
            JsonNode queue = result(all, "throughput", "queue", threads);
            for (String strategy : STRATEGIES) {
                JsonNode throughput = result(all, "throughput", strategy, threads);
                JsonNode latency = result(all, "latency", strategy, threads);
                double ratio = score(throughput) / score(queue);
                double low = (score(throughput) - error(throughput)) / (score(queue) + error(queue));
                double high = (score(throughput) + error(throughput)) / (score(queue) - error(queue));
                assertThat(summary).contains("| 2 | jit=default prePing=false | " + threads + " | " + Fmt.number(threads / 2.0)
                        + " | " + strategy + " | " + Fmt.withError(score(throughput), error(throughput)) + " | "
                        + Fmt.number(ratio) + " (" + Fmt.number(low) + "-" + Fmt.number(high) + ") | "
                        + Fmt.number(latency.at("/primaryMetric/scorePercentiles/99.0").asDouble() / 1000) + " |");
            }
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("id=\"threads-per-connection\"");
    }

    @Test
    void saysWhatIsMissingWhenNoPointHasMoreThreadsThanConnections(@TempDir Path dir) throws Exception {
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        InProcessJmh.againstTestDatabase(dir, () -> {
            run(1, jmh.resolve("results.json"));
        });
        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("summary.md"))).contains("no Query points with a fixed-size pool at several"
                + " thread counts, more threads than connections among them (the full profile measures them)");
    }

    /** Query's throughput and latency for both pools at 2+0 connections: two short iterations in this JVM. */
    private static void run(int threads, Path result) throws Exception {
        new Runner(new OptionsBuilder()
                .include(Pattern.quote(Query.class.getName() + "."))
                .forks(0)
                .threads(threads)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(200))
                .param("strategy", STRATEGIES)
                .param("poolSize", "2")
                .param("maxOverflow", "0")
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString())
                .build()).run();
    }

    private static JsonNode result(JsonNode all, String method, String strategy, int threads) {
        for (JsonNode r : all) {
            if (r.get("benchmark").asText().endsWith("Query." + method) && r.get("threads").asInt() == threads
                    && r.at("/params/strategy").asText().equals(strategy)) {
                return r;
            }
        }
        throw new AssertionError("no Query." + method + " result for " + strategy + " at " + threads + " threads");
    }

    private static double score(JsonNode r) {
        return r.at("/primaryMetric/score").asDouble();
    }

    private static double error(JsonNode r) {
        return r.at("/primaryMetric/scoreError").asDouble();
    }
}
