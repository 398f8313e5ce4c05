package dev.poolbench.reports;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.pools.sizing.SizingRun;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.Sizing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pool size verdict section shows a real sizing run's verdicts, figure for figure, read through RunCollector. */
class PoolSizeVerdictTest {

    @Test
    void showsEachVerdictOfASmallRealSizingRun(@TempDir Path dir) throws Exception {
        Path sizingDir = dir.resolve("bench-pools/target/sizing");
        StringWriter err = new StringWriter();
        int code = SizingRun.execute(new String[] {"--out=" + sizingDir, "--sizes=1,2", "--callers=2", "--rtt=0,2",
                "--mix=read-heavy", "--repetitions=2", "--warmup=100ms", "--window=300ms", "--instances=3"},
                TestDatabase.get(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        Sizing sizing = ResultFiles.read(sizingDir.resolve(Sizing.FORMAT.fileName()), Sizing.FORMAT);

        // the sizing folder beside --jmh, as bench-pools lays them out
        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", dir.resolve("bench-pools/target/jmh").toString(),
                "--load", dir.resolve("no-load").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("## Pool size verdict");
        assertThat(sizing.verdicts()).hasSize(2);
        for (Sizing.Verdict v : sizing.verdicts()) {
            Sizing.Fleet f = v.fleet();
            assertThat(summary).contains("| todo-read-heavy | " + v.rttMs() + " ms | 2 | " + v.recommendedPoolSize() + " | "
                    + v.bestPoolSize() + " | " + Fmt.number(v.recommendedThroughput().value()) + " (");
            assertThat(summary).contains(" | " + Fmt.number(v.busyConnections()) + " (" + Fmt.number(v.bestThroughput().value())
                    + "/s x " + Fmt.number(v.bestMeanHoldMs()) + " ms) | " + v.formulaHarness() + " / "
                    + (v.formulaDatabase() == null ? "unknown" : v.formulaDatabase()) + " | 3 x " + f.perInstance() + " = "
                    + f.needed() + " of " + f.available() + ": fits; at most " + f.largestFleet() + " instances |");
        }
        assertThat(summary).contains("max_connections " + sizing.server().maxConnections());
        assertThat(summary).contains("todo-read-heavy, 2 callers: recommended " + sizing.verdicts().get(0).recommendedPoolSize()
                + " at 0 ms, " + sizing.verdicts().get(1).recommendedPoolSize() + " at 2 ms");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"sizing\" : {").contains("poolbench-sizing/1");
    }

    @Test
    void saysWhenThereWasNoSizingRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", dir.resolve("no-jmh").toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("## Pool size verdict").contains("Not measured in this run: no sizing.json");
    }
}
