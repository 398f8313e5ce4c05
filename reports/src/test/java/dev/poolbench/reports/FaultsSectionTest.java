package dev.poolbench.reports;

import dev.poolbench.core.TestDatabase;
import dev.poolbench.core.faults.ConnectionLeak;
import dev.poolbench.core.faults.DatabaseOutage;
import dev.poolbench.core.faults.LostWrites;
import dev.poolbench.core.pool.PoolSettings;
import dev.poolbench.core.pool.PoolStrategy;
import dev.poolbench.reports.fixtures.Cli;
import dev.poolbench.reports.fixtures.ReportRun;
import dev.poolbench.reports.render.Fmt;
import dev.poolbench.results.Faults;
import dev.poolbench.results.ResultFiles;
import dev.poolbench.results.ServiceFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Faults section shows what real fault scenarios measured, number for number. */
class FaultsSectionTest {

    static final Path REAL_SERVICE_FAULTS = Path.of("..", "docs", "runs", "2026-11-30-retry", "service-faults.json");

    @Test
    void showsTheRestartLeakAndLostWritesFiguresOfARealRun(@TempDir Path dir) throws Exception {
        TestDatabase.emptyTodos().seed(500, 5);
        PoolSettings queue = PoolSettings.of(PoolStrategy.QUEUE).withPoolTimeout(Duration.ofSeconds(1));
        Faults.Outage outage = DatabaseOutage.run(TestDatabase.get(), queue, 500, Duration.ofSeconds(1),
                DatabaseOutage.When.WHILE_IDLE);
        Faults.Leak leak = ConnectionLeak.run(TestDatabase.get(), queue.withLeakThreshold(Duration.ofMillis(300)));
        Faults.LostWrites shared = LostWrites.run(TestDatabase.get(), PoolSettings.of(PoolStrategy.STATIC), 4, 2, 200);
        Faults.LostWrites apart = LostWrites.run(TestDatabase.get(), queue, 4, 2, 200);

        Path jmh = Files.createDirectories(dir.resolve("jmh"));
        Path real = ReportRun.reportDir().getParent().getParent().getParent().resolve("bench-pools/target/jmh");
        Files.copy(real.resolve("results.json"), jmh.resolve("results.json"));
        ResultFiles.write(jmh.resolve(Faults.FORMAT.fileName()), Faults.FORMAT,
                new Faults(1000, 0, 1000, 2000, List.of(outage), List.of(), List.of(leak), List.of(shared, apart)));

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", jmh.toString(), "--load", dir.resolve("no-load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("## Faults");
        assertThat(summary).contains("| queue 5+10, timeout 1s | while-idle | " + Fmt.number(outage.callsBefore()) + " | 0 of 0 | 0 ms | "
                + Fmt.number(outage.errorsAfterReturn()) + " | " + Fmt.number(outage.firstSuccessMs()) + " ms | yes | 0 |");
        assertThat(summary).contains("| 300 ms | 1 | 1 | " + Fmt.number(leak.detectedAfterMs()) + " ms | "
                + "dev.poolbench.core.faults.ConnectionLeak$LeakyReport.countTodos(");
        for (Faults.LostWrites w : List.of(shared, apart)) {
            assertThat(summary).contains("| " + w.pool() + " | 4 writing, 2 reading | " + Fmt.number(w.committed()) + " | "
                    + Fmt.number(w.lost()) + " | " + Fmt.number(w.rolledBack()) + " | " + Fmt.number(w.wronglyKept()) + " | 0 |");
        }
        assertThat(summary).contains("queue 5+10, timeout 1s: none lost, none wrongly kept.");
        assertThat(Files.readString(out.resolve("index.html"))).contains("id=\"faults-stale\"");
    }

    /**
     * load-runs' scenarios through the service (service-faults.json) have tables and notes of their own, and show even
     * where bench-pools' faults did not run. The figures are a real run's, kept in docs/runs/2026-11-30-retry/.
     */
    @Test
    void showsTheServiceRestartAndExhaustionWithAndWithoutTheRetry(@TempDir Path dir) throws Exception {
        ServiceFaults both = ResultFiles.read(REAL_SERVICE_FAULTS, ServiceFaults.FORMAT);
        ResultFiles.write(dir.resolve("load").resolve("faults").resolve(ServiceFaults.FORMAT.fileName()), ServiceFaults.FORMAT, both);
        ServiceFaults faults = both.of("java");

        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("generate", "--jmh", dir.resolve("no-jmh").toString(), "--load", dir.resolve("load").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String summary = Files.readString(out.resolve("summary.md"));
        String faultsPart = summary.substring(summary.indexOf("## Faults"));
        faultsPart = faultsPart.substring(0, faultsPart.indexOf("\n## ") < 0 ? faultsPart.length() : faultsPart.indexOf("\n## "));
        ServiceFaults.Restart off = faults.restarts().get(0);
        ServiceFaults.Restart on = faults.restarts().get(1);
        assertThat(faultsPart).contains("| Java service | off | 5,000 ms | " + Fmt.number(off.requests()) + " at 20/s | "
                + Fmt.number(off.failedDuring()) + " of " + Fmt.number(off.during()) + " |");
        assertThat(faultsPart).contains("| Java service | 3x2s | 5,000 ms | " + Fmt.number(on.requests()) + " at 20/s | 0 of "
                + Fmt.number(on.during()) + " | " + Fmt.number(on.latencyDuring().p95()) + " ms | "
                + Fmt.number(on.latencyDuring().max()) + " ms | 0 of " + Fmt.number(on.afterReturn()) + " | "
                + Fmt.number(on.recovered()) + " | 1.100 |");
        ServiceFaults.Exhaustion slow = faults.exhaustions().get(1);
        assertThat(faultsPart).contains("| Java service | 3x2s | 3 connections, timeout 250 ms | 100/s for 15 s, then 10/s for 30 s | "
                + Fmt.number(slow.succeeded()) + " of 1,500 (" + Fmt.fraction(slow.successRate()) + ") | ");
        assertThat(faultsPart).contains("Restart through the Java service (" + off.label() + "; the database away 5,000 ms,"
                + " 20 requests a second): without the retry " + Fmt.number(off.failedDuring()) + " of the "
                + Fmt.number(off.during()) + " requests in flight during the outage failed");
        assertThat(faultsPart).contains("the pool timed out " + Fmt.number(slow.poolTimeouts()) + " times against "
                + Fmt.number(faults.exhaustions().get(0).poolTimeouts()));
        assertThat(faultsPart).contains("Restart through the reference stack (queue 5+10, timeout 20s, recycle 300s, pre-ping,");
        assertThat(faultsPart).doesNotContain("not measured in this run");
    }
}
