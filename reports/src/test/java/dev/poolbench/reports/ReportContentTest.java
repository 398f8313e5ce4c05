package dev.poolbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolbench.reports.fixtures.RealRuns;
import dev.poolbench.reports.fixtures.ReportRun;
import dev.poolbench.reports.input.Json;
import dev.poolbench.reports.render.Fmt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four files of a report of real JMH results: each number in them is one the run produced,
 * every input is inside run.json, and what was not measured is said.
 */
class ReportContentTest {

    private static Path report;
    private static JsonNode jmhInput;

    @BeforeAll
    static void generate() throws Exception {
        report = ReportRun.reportDir();
        jmhInput = Json.read(ReportRun.ROOT.resolve("bench-pools/target/jmh/results.json"));
    }

    @Test
    void runJsonHoldsEveryInputWhole() {
        JsonNode run = Json.read(report.resolve("run.json"));

        assertThat(run.get("format").asText()).isEqualTo("poolbench-run/1");
        assertThat(run.at("/jmh/results")).isEqualTo(jmhInput);
        assertThat(run.at("/jmh/environment/source").asText()).isEqualTo("bench-pools");
        assertThat(run.at("/jmh/environment/database/settings/server_version").asText()).isNotBlank();
        assertThat(run.at("/load/results")).hasSize(2);
        assertThat(run.at("/load/results/1/summary/throughputRps").asDouble()).isEqualTo(240.25);
        assertThat(run.at("/git/commit").asText()).matches("[0-9a-f]{40}");
        assertThat(run.get("notMeasured")).isEmpty();
    }

    @Test
    void resultsCsvHasOneRowPerMeasuredPointWithTheMeasuredValue() throws Exception {
        List<String> lines = Files.readAllLines(report.resolve("results.csv"));
        int jmhResults = jmhInput.size();
        int samplePercentiles = RealRuns.STRATEGIES.size();
        int loadFigures = 2 * 5; // throughput, success rate, p50, p95, p99 per load result

        assertThat(lines).hasSize(1 + jmhResults + samplePercentiles + loadFigures);
        assertThat(lines.get(0)).isEqualTo("source,benchmark,mode,threads,callers,configuration,jit,maxOverflow,poolSize,pooler,prePing,strategy,"
                + "metric,value,unit,low,high,interval,samples,better");
        JsonNode queue = result("Query.throughput", "queue", "5");
        assertThat(lines).contains("jmh,Query.throughput,thrpt,1,,,default,10,5,none,false,queue,score,"
                + queue.at("/primaryMetric/score").asDouble() + ",ops/s,"
                + queue.at("/primaryMetric/scoreConfidence/0").asDouble() + ","
                + queue.at("/primaryMetric/scoreConfidence/1").asDouble() + ",99.9% confidence interval,"
                + RealRuns.ITERATIONS + ",higher");
        assertThat(lines).contains("load,TodoApiSimulation,load,,,hikari,,,,,,,throughput,240.25,req/s,,,,1,higher");
    }

    @Test
    void summaryMdShowsEachStrategyWithItsErrorAndSaysWhatWasNotMeasured() throws Exception {
        String md = Files.readString(report.resolve("summary.md"));

        for (String strategy : RealRuns.STRATEGIES) {
            JsonNode r = result("Query.throughput", strategy, "5");
            assertThat(md).contains("| Query.throughput | " + strategy + " | jit=default maxOverflow=10 poolSize=5 prePing=false, 1 thread | thrpt | "
                    + Fmt.withError(r.at("/primaryMetric/score").asDouble(), r.at("/primaryMetric/scoreError").asDouble()) + " |");
        }
        // p99 with the lowest and highest of the iterations' p99s, which a mixture's p99 cannot leave
        for (String strategy : RealRuns.STRATEGIES) {
            JsonNode latency = result("Query.latency", strategy, "5");
            double p99 = latency.at("/primaryMetric/scorePercentiles/99.0").asDouble()
                    / (latency.at("/primaryMetric/scoreUnit").asText().equals("us/op") ? 1000 : 1);
            assertThat(latency.at("/primaryMetric/scoreUnit").asText()).isIn("us/op", "ms/op");
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| Query\\.latency \\| " + strategy
                    + " \\| [^|]+ \\| sample \\|  \\| ([0-9.,]+) \\(([0-9.,]+)-([0-9.,]+)\\) \\|").matcher(md);
            assertThat(row.find()).as("Query.latency row of %s in%n%s", strategy, md).isTrue();
            assertThat(row.group(1)).isEqualTo(Fmt.number(p99));
            assertThat(Double.parseDouble(row.group(2).replace(",", ""))).isLessThanOrEqualTo(Double.parseDouble(row.group(1).replace(",", "")));
            assertThat(Double.parseDouble(row.group(3).replace(",", ""))).isGreaterThanOrEqualTo(Double.parseDouble(row.group(1).replace(",", "")));
        }
        assertThat(md).contains("> Not measured in this run: no benchmark with an insertMode parameter ran")
                .contains("> Not measured in this run: no time-per-operation benchmark with indexed and rows parameters ran")
                .contains("> Not measured in this run: no pgbench result (pgbench was not on the PATH, or bench-pools did not run)")
                .contains("| cores | " + Runtime.getRuntime().availableProcessors() + " |")
                .contains("| parameter rtt | " + RealRuns.RTT.toMillis() + "ms |");
    }

    @Test
    void thePoolSizeCurveNamesTheMeasuredPeakAndThePrediction() throws Exception {
        String md = Files.readString(report.resolve("summary.md"));
        JsonNode peak = null;
        for (String size : RealRuns.SWEEP_SIZES) {
            JsonNode r = result("PoolSizing.shot", null, size);
            // a time per batch of calls: the peak is the fastest
            if (peak == null || r.at("/primaryMetric/score").asDouble() < peak.at("/primaryMetric/score").asDouble()) {
                peak = r;
            }
        }
        int prediction = Runtime.getRuntime().availableProcessors() * 2 + 1;

        assertThat(peak.at("/primaryMetric/scoreUnit").asText()).isEqualTo("ms/op");
        assertThat(md).contains("| PoolSizing.shot | " + RealRuns.SWEEP_CALLERS + " | 1 thread | "
                + String.join(", ", RealRuns.SWEEP_SIZES) + " | " + peak.at("/params/poolSize").asText() + " | "
                + Fmt.withError(peak.at("/primaryMetric/score").asDouble(), peak.at("/primaryMetric/scoreError").asDouble())
                + " ms/op | " + prediction + " |");
        assertThat(md).contains("Prediction: cores x 2 + spindles = " + Runtime.getRuntime().availableProcessors() + " x 2 + 1 = " + prediction);
    }

    @Test
    void indexHtmlIsOneFileThatNeedsNoNetwork() throws Exception {
        String html = Files.readString(report.resolve("index.html"));

        assertThat(html).doesNotContain("<script src").doesNotContain("<link ").doesNotContainPattern("(src|href)=\"https?:");
        assertThat(html).contains("echarts"); // the library is in the page itself
        assertThat(html.length()).isGreaterThan(900_000);
    }

    @Test
    void gatlingReportsAreLinkedByRelativePathsThatResolve() throws Exception {
        String html = Files.readString(report.resolve("index.html"));
        Matcher links = Pattern.compile("<a href=\"([^\"#]+)\">Gatling report</a>").matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (links.find()) {
            found.add(links.group(1));
        }

        assertThat(found).hasSize(2).allSatisfy(link -> {
            assertThat(Path.of(link).isAbsolute()).isFalse();
            assertThat(report.resolve(link)).isRegularFile();
            assertThat(link).startsWith("../../../load-runs/target/gatling/todoapisimulation-");
        });
    }

    /** The JMH result of a benchmark at a strategy (null: none) and pool size, from the input file. */
    private static JsonNode result(String benchmark, String strategy, String poolSize) {
        List<JsonNode> matches = Arrays.stream(Json.MAPPER.convertValue(jmhInput, JsonNode[].class))
                .filter(r -> r.get("benchmark").asText().endsWith("." + benchmark))
                .filter(r -> strategy == null || r.at("/params/strategy").asText().equals(strategy))
                .filter(r -> r.at("/params/poolSize").asText().equals(poolSize))
                .collect(Collectors.toList());
        assertThat(matches).hasSize(1);
        return matches.get(0);
    }
}
