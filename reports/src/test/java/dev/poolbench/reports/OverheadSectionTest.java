package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.poolbench.pools.Overhead;
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

/** The Pool overhead section shows a real Overhead run's nanoseconds beside a real Query.latency's microseconds. */
class OverheadSectionTest {

    @Test
    void showsEachPoolsNanosecondsBesideItsQueryAgainstTheServer(@TempDir Path dir) throws Exception {
        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        run(Overhead.class.getName() + ".", jmh.resolve("overhead.json"), "queue", "dbcp2");
        InProcessJmh.againstTestDatabase(dir, () -> {
            run(Query.class.getName() + ".latency", jmh.resolve("query.json"), "queue", "dbcp2");
        });
        ArrayNode all = Json.MAPPER.createArrayNode();
        all.addAll((ArrayNode) Json.read(jmh.resolve("overhead.json")));
        all.addAll((ArrayNode) Json.read(jmh.resolve("query.json")));
        Json.write(jmh.resolve("results.json"), all);

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("## Pool overhead (stub driver)");
        for (String strategy : new String[] {"queue", "dbcp2"}) {
            JsonNode bare = result(all, "Overhead.borrowReturn", strategy);
            JsonNode statement = result(all, "Overhead.borrowStatementReturn", strategy);
            JsonNode query = result(all, "Query.latency", strategy);
            double share = score(statement) / (score(query) * 1000);
            assertThat(summary).contains("| " + strategy + " | 1 thread, platform | " + withError(bare) + " | "
                    + withError(statement) + " | " + withError(query) + " (");
            assertThat(summary).contains(" | " + Fmt.fraction(share) + " |");
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("id=\"overhead-1-thread-platform\"");
    }

    /** Two short iterations in this JVM, one thread: enough for a score with an interval. */
    private static void run(String benchmark, Path result, String... strategies) throws Exception {
        new Runner(new OptionsBuilder()
                .include(Pattern.quote(benchmark))
                .forks(0)
                .threads(1)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(200))
                .param("strategy", strategies)
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString())
                .build()).run();
    }

    private static JsonNode result(JsonNode all, String benchmark, String strategy) {
        for (JsonNode r : all) {
            if (r.get("benchmark").asText().endsWith("." + benchmark) && r.at("/params/strategy").asText().equals(strategy)) {
                return r;
            }
        }
        throw new AssertionError("no " + benchmark + " result for " + strategy);
    }

    private static double score(JsonNode r) {
        return r.at("/primaryMetric/score").asDouble();
    }

    private static String withError(JsonNode r) {
        return Fmt.withError(score(r), r.at("/primaryMetric/scoreError").asDouble());
    }
}
