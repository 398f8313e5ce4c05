package dev.poolbench.reports.cli;

import dev.poolbench.reports.fixtures.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A run in which nothing was measured still gets a report, and the report says so instead of inventing. */
class GenerateTest {

    @Test
    void absentInputsAreReportedAsNotMeasured(@TempDir Path dir) throws Exception {
        Path jmh = dir.resolve("bench-pools/target/jmh");
        Path load = dir.resolve("load-runs/target/load-results");
        Path out = dir.resolve("pool-report");

        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", load.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("(0 JMH results, 0 load results)")
                .contains("pool-report: not measured in this run: JMH benchmarks (bench-pools): no results.json in " + jmh)
                .contains("pool-report: not measured in this run: Load scenarios (load-runs): no result files in " + load);
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("> Not measured in this run: JMH benchmarks (bench-pools): no results.json in " + jmh)
                .contains("## Strategy comparison\n\nThroughput and 99th-percentile latency per pool strategy x pool size x threads.\n\n"
                        + "> Not measured in this run: no JMH results")
                .contains("> Not measured in this run: no load-scenario results")
                .contains("> bench-pools (JMH): not measured in this run.");
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).doesNotContain("class=\"chart\"").contains("<script type=\"application/json\" id=\"poolbench-charts\">[]</script>");
        assertThat(Files.readString(out.resolve("results.csv")))
                .isEqualTo("source,benchmark,mode,threads,metric,value,unit,low,high,interval,samples,better\r\n");
    }
}
